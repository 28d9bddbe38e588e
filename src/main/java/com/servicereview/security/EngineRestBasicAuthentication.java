package com.servicereview.security;

import com.servicereview.database.CommandConnection;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;

/**
 * Camunda's HTTP Basic check for {@code /engine-rest}, with the caller's groups and tenants read in the same engine
 * transaction as the password, and by one statement instead of the engine's two queries (docs/benchmarks-tasklists.md: each
 * statement is a few tenths of a millisecond of every request). Everything is still read on every request, so a changed
 * password or membership counts at once; a wrong password still counts towards Camunda's login throttling (the
 * transaction commits). Memberships live in the engine's tables with every identity provider of ours: the directory
 * login checks only the password against LDAP.
 */
public class EngineRestBasicAuthentication extends HttpBasicAuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        return configuration
                .getCommandExecutorTxRequired()
                .execute(context -> withMemberships(super.extractAuthenticatedUser(request, engine), context));
    }

    private static AuthenticationResult withMemberships(AuthenticationResult result, CommandContext context) {
        if (!result.isAuthenticated()) return result;
        String userId = result.getAuthenticatedUser();
        List<String> groups = new ArrayList<>();
        List<String> tenants = new ArrayList<>();
        CommandConnection.query(
                context,
                memberships(context.getProcessEngineConfiguration().getDatabaseTablePrefix()),
                statement -> {
                    for (int parameter = 1; parameter <= 3; parameter++) statement.setString(parameter, userId);
                },
                row -> (row.getString(1).equals("group") ? groups : tenants).add(row.getString(2)),
                "the groups and tenants of " + userId);
        result.setGroups(groups);
        result.setTenants(tenants);
        return result;
    }

    /** The engine's group query (groupMember) and tenant query (userMember, including the groups' tenants) in one. */
    private static String memberships(String tablePrefix) {
        return "select 'group', m.GROUP_ID_ from " + tablePrefix + "ACT_ID_MEMBERSHIP m where m.USER_ID_ = ?"
                + " union all select distinct 'tenant', t.TENANT_ID_ from " + tablePrefix + "ACT_ID_TENANT_MEMBER t"
                + " where t.USER_ID_ = ? or t.GROUP_ID_ in (select m.GROUP_ID_ from " + tablePrefix
                + "ACT_ID_MEMBERSHIP m where m.USER_ID_ = ?)";
    }
}

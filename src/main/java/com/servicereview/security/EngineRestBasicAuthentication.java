package com.servicereview.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;

/**
 * Camunda's HTTP Basic check for {@code /engine-rest}, with the caller's groups and tenants read in the same engine
 * transaction as the password, not in three commands that commit one by one (README, Scale: the saving is small).
 * Everything is still read on every request, so a changed password or membership counts at once; a wrong password
 * still counts towards Camunda's login throttling (the transaction commits).
 */
public class EngineRestBasicAuthentication extends HttpBasicAuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired()
                .execute(context -> withMemberships(super.extractAuthenticatedUser(request, engine), engine));
    }

    private static AuthenticationResult withMemberships(AuthenticationResult result, ProcessEngine engine) {
        if (!result.isAuthenticated()) return result;
        String userId = result.getAuthenticatedUser();
        IdentityService identity = engine.getIdentityService();
        List<String> tenants =
                identity.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list().stream()
                        .map(Tenant::getId)
                        .toList();
        result.setGroups(EngineUsers.groupIdsOf(identity, userId));
        result.setTenants(tenants);
        return result;
    }
}

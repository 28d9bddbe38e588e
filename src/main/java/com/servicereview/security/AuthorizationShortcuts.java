package com.servicereview.security;

import com.servicereview.database.CommandConnection;
import com.servicereview.database.EngineSessions;
import com.servicereview.database.TaskListPlanning;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Two shortcuts in the engine's authorization checks, each giving exactly the engine's answer with less work:
 * <ul>
 *   <li>a task query confined by its own criteria to the user's tasks skips the per-task check
 *       ({@link ImpliedTaskReadCheck});</li>
 *   <li>the user's groups that hold any grant are found by probing the grants' group index once per group. The
 *       engine reads every distinct group of the whole grants table for that, once per command that checks a
 *       permission: 2.2 ms of a 5.6 ms task list at 12,000 task grants (docs/benchmarks-tasklists.md), and a real organisation
 *       holds a grant per open task and per profile (158,000 profile grants for 20,000 people). The same statement
 *       answers the engine's next question, whether a REVOKE applies to the user (its own statement before).</li>
 * </ul>
 * A query that keeps its check joins the grants, so it asks for {@link TaskListPlanning}'s plan settings.
 */
@Component
class AuthorizationShortcuts extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        GrantsLookup lookup = new GrantsLookup(configuration.getDatabaseTablePrefix() + "ACT_RU_AUTHORIZATION");
        // A custom factory of the same session type replaces the engine's AuthorizationManager (GenericManagerFactory
        // would register the subclass under its own type, which the engine never asks for).
        EngineSessions.add(
                configuration, EngineSessions.factory(AuthorizationManager.class, () -> new Manager(lookup)));
    }

    /**
     * The lookup's statement for a number of groups: per group of the user, does it hold a grant, and a REVOKE? Then:
     * does a REVOKE name the user or everyone? The groups are one parameter each, not an array: PostgreSQL plans an
     * {@code unnest(?)} anew on every run (its generic plan assumes ten elements and never looks cheaper), 0.3 ms of
     * planning for 0.05 ms of work; with one parameter per group the statement runs on its cached plan.
     */
    static final class GrantsLookup {

        private final String table;
        private final Map<Integer, String> byGroupCount = new ConcurrentHashMap<>();

        GrantsLookup(String table) {
            this.table = table;
        }

        String sql(int groups) {
            return byGroupCount.computeIfAbsent(groups, this::render);
        }

        private String render(int groups) {
            String userRevoked = "exists (select 1 from " + table + " a where a.TYPE_ = "
                    + Authorization.AUTH_TYPE_REVOKE + " and a.USER_ID_ in (?, '*'))";
            if (groups == 0) return "select null::varchar, " + userRevoked;
            return "select g.id, exists (select 1 from " + table + " a where a.GROUP_ID_ = g.id and a.TYPE_ = "
                    + Authorization.AUTH_TYPE_REVOKE + ") from (values "
                    + String.join(", ", Collections.nCopies(groups, "(?::varchar)"))
                    + ") as g(id) where exists (select 1 from " + table + " a where a.GROUP_ID_ = g.id)"
                    + " union all select null, " + userRevoked;
        }
    }

    /** One per command, like the engine's. */
    static final class Manager extends AuthorizationManager {

        /** What the grants say of a user and their groups: which groups hold any grant, and whether a REVOKE applies. */
        private record Grants(List<String> groupsWithGrants, boolean revoked) {}

        private record Caller(String userId, List<String> groupIds) {}

        private final GrantsLookup grantsLookup;
        private final Map<Caller, Grants> grants = new HashMap<>();

        Manager(GrantsLookup grantsLookup) {
            this.grantsLookup = grantsLookup;
        }

        @Override
        public void configureTaskQuery(TaskQueryImpl query) {
            Authentication user = getCommandContext().getAuthentication();
            if (isAuthCheckExecuted()
                    && ImpliedTaskReadCheck.impliedByCriteria(query, user.getUserId(), user.getGroupIds())
                    && !isRevokeAuthCheckEnabled(user.getUserId(), user.getGroupIds())) {
                query.getAuthCheck().setAuthorizationCheckEnabled(false);
                return;
            }
            super.configureTaskQuery(query);
        }

        /** Every query's check comes here; the check joins the grants, which plan well only with the parameters. */
        @Override
        public void enableQueryAuthCheck(AuthorizationCheck authCheck) {
            TaskListPlanning.forThisCommand();
            super.enableQueryAuthCheck(authCheck);
        }

        @Override
        public List<String> filterAuthenticatedGroupIds(List<String> groupIds) {
            if (groupIds == null || groupIds.isEmpty()) return super.filterAuthenticatedGroupIds(groupIds);
            // The engine asks next whether a REVOKE applies to the command's user: the same lookup answers both.
            Authentication user = getCommandContext().getAuthentication();
            // A copy, as the engine hands out: its callers keep the list in their checks.
            return new ArrayList<>(
                    grantsOf(user == null ? null : user.getUserId(), groupIds).groupsWithGrants());
        }

        /** The engine's answer, kept per command as the engine keeps it, from the lookup that found the groups. */
        @Override
        protected boolean isRevokeAuthCheckEnabled(String userId, List<String> groupIds) {
            if (isRevokeAuthCheckUsed == null && revokesCheckedOnDemand())
                isRevokeAuthCheckUsed = grantsOf(userId, groupIds == null ? List.of() : groupIds)
                        .revoked();
            return super.isRevokeAuthCheckEnabled(userId, groupIds);
        }

        /** The engine's default, "auto": look for a REVOKE that applies; "always" and "never" need no lookup. */
        private static boolean revokesCheckedOnDemand() {
            String mode = Context.getProcessEngineConfiguration().getAuthorizationCheckRevokes();
            return !ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_ALWAYS.equalsIgnoreCase(mode)
                    && !ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_NEVER.equalsIgnoreCase(mode);
        }

        private Grants grantsOf(String userId, List<String> groupIds) {
            return grants.computeIfAbsent(new Caller(userId, List.copyOf(groupIds)), this::lookUp);
        }

        private Grants lookUp(Caller caller) {
            List<String> withGrants = new ArrayList<>();
            boolean[] revoked = {false};
            CommandConnection.query(
                    getCommandContext(),
                    grantsLookup.sql(caller.groupIds().size()),
                    statement -> {
                        List<String> groups = caller.groupIds();
                        for (int i = 0; i < groups.size(); i++) statement.setString(i + 1, groups.get(i));
                        statement.setString(groups.size() + 1, caller.userId());
                    },
                    row -> {
                        String group = row.getString(1);
                        if (group != null) withGrants.add(group);
                        revoked[0] |= row.getBoolean(2);
                    },
                    "the grants of the user and their groups");
            return new Grants(withGrants, revoked[0]);
        }
    }
}

package com.servicereview.security;

import com.servicereview.org.OrgAccess;
import java.util.List;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.identity.db.DbGroupQueryImpl;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.identity.db.DbUserQueryImpl;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Identity queries about other people return nothing, except for HR and administrators: the groups of
 * another user ({@code groupMember}, {@code /identity/groups?userId=}, {@code /group?member=}) and the
 * members of a group the caller does not belong to ({@code /user?memberOfGroup=}). Camunda's
 * authorizations cannot express this: a member may read their group, so asking for a colleague's
 * groups would list the groups they share. Whose profiles a caller may read is left to the READ grants
 * on users ({@code OrgProvisioner}). Applies to {@code /engine-rest}, the web apps and our API.
 */
@Component
@Order(IdentityQueryGuard.ORDER)
public class IdentityQueryGuard extends AbstractProcessEnginePlugin {

    /** Plugins that build on this provider ({@code directory.DirectoryLoginPlugin}) come after it. */
    public static final int ORDER = 0;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setIdentityProviderSessionFactory(new GenericManagerFactory(GuardedIdentityProvider.class));
    }

    /** Camunda's database identity provider; the engine creates one per command context. */
    public static class GuardedIdentityProvider extends DbIdentityServiceProvider {

        @Override
        public List<Group> findGroupByQueryCriteria(DbGroupQueryImpl query) {
            return asksForOthersGroups(query) ? List.of() : super.findGroupByQueryCriteria(query);
        }

        @Override
        public long findGroupCountByQueryCriteria(DbGroupQueryImpl query) {
            return asksForOthersGroups(query) ? 0 : super.findGroupCountByQueryCriteria(query);
        }

        @Override
        public List<User> findUserByQueryCriteria(DbUserQueryImpl query) {
            return asksForForeignGroup(query) ? List.of() : super.findUserByQueryCriteria(query);
        }

        @Override
        public long findUserCountByQueryCriteria(DbUserQueryImpl query) {
            return asksForForeignGroup(query) ? 0 : super.findUserCountByQueryCriteria(query);
        }

        private boolean asksForOthersGroups(DbGroupQueryImpl query) {
            Authentication caller = restrictedCaller();
            return caller != null
                    && query.getUserId() != null
                    && !query.getUserId().equals(caller.getUserId());
        }

        private boolean asksForForeignGroup(DbUserQueryImpl query) {
            Authentication caller = restrictedCaller();
            return caller != null
                    && query.getGroupId() != null
                    && !groupsOf(caller).contains(query.getGroupId());
        }

        /** The caller, when Camunda checks authorizations for this command and the caller does not see everything. */
        private Authentication restrictedCaller() {
            Authentication caller = getCurrentAuthentication();
            if (caller == null
                    || caller.getUserId() == null
                    || !isAuthorizationEnabled()
                    || !getCommandContext().isAuthorizationCheckEnabled()) {
                return null;
            }
            return OrgAccess.seesEverything(groupsOf(caller)) ? null : caller;
        }

        /** Null when the caller was set with {@code setAuthenticatedUserId} alone. */
        private static List<String> groupsOf(Authentication caller) {
            return caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
        }
    }
}

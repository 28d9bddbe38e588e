package com.servicereview.org;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.query.Query;
import org.springframework.stereotype.Component;

/**
 * Grants the organisation's groups access to the web apps and creates the shared Tasklist filters
 * (every provisioning, demo or import, makes sure of them). Each grant is added to the existing
 * authorization row when there is one: Camunda allows only one row per user, group (or global),
 * resource type and resource id. Who reads whose profile is {@link OrgProvisioner}'s.
 */
@Component
class AccessProvisioner {

    static final String MY_TASKS = "我的任务 / My tasks";
    static final String MY_GROUP_TASKS = "我的组任务 / My group tasks";

    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService tasks;

    AccessProvisioner(AuthorizationService authorizations, FilterService filters, TaskService tasks) {
        this.authorizations = authorizations;
        this.filters = filters;
        this.tasks = tasks;
    }

    /** Everything of this class at once; idempotent. @return how many grants and filters were added, by kind */
    Map<String, Integer> grantAll() {
        Map<String, Integer> granted = new LinkedHashMap<>();
        granted.put("webAppGrants", grantWebAppAccess());
        granted.put("adminGrants", grantAdministratorsEverything());
        granted.put("processGrants", grantReviewStart());
        granted.put("filters", createTasklistFilters());
        return granted;
    }

    /**
     * Tasklist for everyone, Cockpit for HR, department heads and the general manager. Camunda itself lets each user
     * read their own profile and each member read their own groups; HR reads every user and group.
     * Nobody is granted READ on users or groups as a whole.
     *
     * @return how many permissions were granted
     */
    int grantWebAppAccess() {
        int granted = grantGroup(OrgGroups.HR, Resources.USER, Authorization.ANY, Permissions.READ)
                + grantGroup(OrgGroups.HR, Resources.GROUP, Authorization.ANY, Permissions.READ);
        for (String group : List.of(
                OrgGroups.EMPLOYEES,
                OrgGroups.SUPERVISORS,
                OrgGroups.DEPARTMENT_HEADS,
                OrgGroups.GENERAL_MANAGERS,
                OrgGroups.HR)) {
            granted += grantGroup(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        }
        for (String group : List.of(OrgGroups.HR, OrgGroups.DEPARTMENT_HEADS, OrgGroups.GENERAL_MANAGERS)) {
            granted += grantGroup(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        }
        return granted;
    }

    /**
     * Camunda grants its administrators group everything only when it creates the admin user from
     * its own {@code admin-user} setting, which we do not use; so grant it here.
     */
    int grantAdministratorsEverything() {
        int granted = 0;
        for (Resources resource : Resources.values()) {
            granted += grantGroup(OrgGroups.ADMINISTRATORS, resource, Authorization.ANY, Permissions.ALL);
        }
        return granted;
    }

    /** HR starts and follows reviews and cycles: CREATE_INSTANCE, history in Cockpit, CREATE and READ on instances. */
    int grantReviewStart() {
        int granted = grantGroup(OrgGroups.HR, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE)
                + grantGroup(OrgGroups.HR, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ);
        for (String process : List.of("employee-review", "review-cycle")) {
            for (Permission permission : List.of(
                    Permissions.READ,
                    Permissions.READ_HISTORY,
                    Permissions.READ_INSTANCE,
                    Permissions.CREATE_INSTANCE)) {
                granted += grantGroup(OrgGroups.HR, Resources.PROCESS_DEFINITION, process, permission);
            }
        }
        return granted;
    }

    /** @return how many filters and global read grants on them were created */
    int createTasklistFilters() {
        int created = 0;
        created += createFilterIfAbsent(
                MY_TASKS,
                "分配给我的任务 / Tasks assigned to me",
                -10,
                tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
        created += createFilterIfAbsent(
                MY_GROUP_TASKS,
                "我所在组可认领的任务 / Tasks my groups can claim",
                -5,
                tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}"));
        return created;
    }

    private int createFilterIfAbsent(String name, String description, int priority, Query<?, ?> query) {
        int created = 0;
        Filter filter = filters.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filters.newTaskFilter(name)
                    .setProperties(
                            Map.<String, Object>of("description", description, "priority", priority, "refresh", false))
                    .setQuery(query);
            filters.saveFilter(filter);
            created++;
        }
        // Global = every user, present and future.
        return created + grantEveryone(Resources.FILTER, filter.getId(), Permissions.READ);
    }

    private int grantGroup(String groupId, Resource resource, String resourceId, Permission permission) {
        Authorization authorization = authorizations
                .createAuthorizationQuery()
                .authorizationType(AUTH_TYPE_GRANT)
                .groupIdIn(groupId)
                .resourceType(resource)
                .resourceId(resourceId)
                .singleResult();
        if (authorization == null) {
            authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
            authorization.setGroupId(groupId);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        return addPermission(authorization, permission);
    }

    private int grantEveryone(Resource resource, String resourceId, Permission permission) {
        Authorization authorization = authorizations
                .createAuthorizationQuery()
                .authorizationType(AUTH_TYPE_GLOBAL)
                .resourceType(resource)
                .resourceId(resourceId)
                .singleResult();
        if (authorization == null) {
            authorization = authorizations.createNewAuthorization(AUTH_TYPE_GLOBAL);
            authorization.setUserId(Authorization.ANY);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        return addPermission(authorization, permission);
    }

    /** @return 1 if the permission was added, 0 if it was already granted */
    private int addPermission(Authorization authorization, Permission permission) {
        if (authorization.isPermissionGranted(permission)) {
            return 0;
        }
        authorization.addPermission(permission);
        authorizations.saveAuthorization(authorization);
        return 1;
    }
}

package com.servicereview.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * On the real engine and PostgreSQL, with {@link AuthorizationShortcuts}: every task query returns exactly the tasks
 * the engine's grants let the user read — among tasks assigned to them, offered to their group, offered to another
 * group, assigned to someone else, and with a REVOKE on one of their group's tasks; and the user's groups that hold
 * grants are exactly those the grants table names, and a REVOKE applies exactly where the engine's own statement finds
 * one.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationShortcutsEngineTest {

    private static final String PROCESS = "implied-read-check";
    private static final String USER = "implied-user";
    private static final List<String> GROUPS = List.of("implied-a", "implied-c");

    @Autowired
    RepositoryService repository;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TaskService tasks;

    @Autowired
    IdentityService identity;

    @Autowired
    AuthorizationService authorizations;

    @Autowired
    ProcessEngineConfigurationImpl engineConfiguration;

    @BeforeAll
    void tasksOfTwoGroups() {
        repository
                .createDeployment()
                .addModelInstance(
                        PROCESS + ".bpmn",
                        Bpmn.createExecutableProcess(PROCESS)
                                .camundaHistoryTimeToLive(1)
                                .startEvent()
                                .userTask("Task_Offered")
                                .camundaCandidateGroups("${group}")
                                .endEvent()
                                .done())
                .deploy();
        for (String group : List.of("implied-a", "implied-a", "implied-a", "implied-b", "implied-b", "implied-b"))
            runtime.startProcessInstanceByKey(PROCESS, Map.of("group", group));
        List<Task> a = query().taskCandidateGroup("implied-a").list();
        List<Task> b = query().taskCandidateGroup("implied-b").list();
        tasks.setAssignee(a.get(0).getId(), USER);
        tasks.setAssignee(b.get(0).getId(), USER);
        tasks.setAssignee(b.get(1).getId(), "implied-other");
    }

    @AfterEach
    void signOut() {
        identity.clearAuthentication();
    }

    @Test
    void everyQueryShowsWhatTheGrantsAllow() {
        assertSameAsGrants(q -> q.taskAssignee(USER), 2);
        assertSameAsGrants(q -> q.taskCandidateGroupIn(GROUPS), 2);
        assertSameAsGrants(q -> q.taskCandidateGroup("implied-a").includeAssignedTasks(), 3);
        assertSameAsGrants(q -> q.taskCandidateGroup("implied-b").includeAssignedTasks(), 1);
        assertSameAsGrants(q -> q.taskCandidateGroup("implied-b"), 0);
        assertSameAsGrants(q -> q.taskAssignee("implied-other"), 0);
        assertSameAsGrants(
                q -> q.or().taskAssignee(USER).taskCandidateGroup("implied-b").endOr(), 2);
        assertSameAsGrants(q -> q, 4);
    }

    @Test
    void aRevokedGroupTaskStaysHidden() {
        Task revoked = query().taskCandidateGroup("implied-a").list().get(0);
        Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
        revoke.setUserId(USER);
        revoke.setResource(Resources.TASK);
        revoke.setResourceId(revoked.getId());
        revoke.removePermission(Permissions.READ);
        authorizations.saveAuthorization(revoke);
        try {
            assertSameAsGrants(q -> q.taskCandidateGroupIn(GROUPS), 1);
            assertSameAsGrants(q -> q.taskAssignee(USER), 2);
        } finally {
            authorizations.deleteAuthorization(revoke.getId());
        }
    }

    @Test
    void theUsersGroupsWithGrantsAreThoseTheGrantsName() {
        Authorization global = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        global.setGroupId("implied-global");
        global.setResource(Resources.FILTER);
        global.setResourceId("*");
        global.addPermission(Permissions.READ);
        authorizations.saveAuthorization(global);
        List<String> groups = List.of("implied-a", "implied-b", "implied-c", "implied-global", "implied-none");
        try {
            List<String> named = groups.stream()
                    .filter(g -> authorizations
                                    .createAuthorizationQuery()
                                    .groupIdIn(g)
                                    .count()
                            > 0)
                    .toList();
            List<String> filtered = engineConfiguration
                    .getCommandExecutorTxRequired()
                    .execute(context -> {
                        assertThat(context.getAuthorizationManager())
                                .isInstanceOf(AuthorizationShortcuts.Manager.class);
                        return context.getAuthorizationManager().filterAuthenticatedGroupIds(groups);
                    });

            assertThat(named).containsExactly("implied-a", "implied-b", "implied-global");
            assertThat(filtered).containsExactlyInAnyOrderElementsOf(named);
        } finally {
            authorizations.deleteAuthorization(global.getId());
        }
    }

    @Test
    void aRevokeAppliesAsTheEngineFindsIt() {
        assertThat(revokeFound()).as("no REVOKE").isEqualTo(engineFindsRevoke()).isFalse();
        for (String[] named : List.of(
                new String[] {USER, null},
                new String[] {"*", null},
                new String[] {null, "implied-c"},
                new String[] {"implied-other", null},
                new String[] {null, "implied-b"})) {
            Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
            revoke.setUserId(named[0]);
            revoke.setGroupId(named[1]);
            revoke.setResource(Resources.FILTER);
            revoke.setResourceId("implied-filter");
            revoke.removePermission(Permissions.READ);
            authorizations.saveAuthorization(revoke);
            try {
                boolean applies = named[0] != null && !named[0].equals("implied-other")
                        || named[1] != null && GROUPS.contains(named[1]);
                assertThat(revokeFound())
                        .as("REVOKE for user %s, group %s", named[0], named[1])
                        .isEqualTo(engineFindsRevoke())
                        .isEqualTo(applies);
            } finally {
                authorizations.deleteAuthorization(revoke.getId());
            }
        }
    }

    /**
     * A permission check, with the groups and REVOKE setting our grants lookup gives it, answers as the engine's own
     * statement does with the engine's: grants and REVOKEs of the user, their groups and everyone, specific and for
     * every resource, and a global authorization that lacks the permission (which counts only where REVOKEs are
     * checked, so a wrong REVOKE setting would change the answer).
     */
    @Test
    void aPermissionCheckAnswersAsTheEngine() {
        // read: the authorization grants or revokes READ, else UPDATE
        record Grant(int type, String user, String group, String resource, boolean read) {}
        int grant = Authorization.AUTH_TYPE_GRANT;
        int revoke = Authorization.AUTH_TYPE_REVOKE;
        int global = Authorization.AUTH_TYPE_GLOBAL;
        String filter = "implied-filter";
        Map<String, List<Grant>> cases = new LinkedHashMap<>();
        cases.put("nothing", List.of());
        cases.put("user grant", List.of(new Grant(grant, USER, null, filter, true)));
        cases.put("user grant without READ", List.of(new Grant(grant, USER, null, filter, false)));
        cases.put("own group, every filter", List.of(new Grant(grant, null, "implied-a", "*", true)));
        cases.put("another group", List.of(new Grant(grant, null, "implied-b", filter, true)));
        cases.put("global", List.of(new Grant(global, "*", null, filter, true)));
        cases.put(
                "global without READ, global for every filter",
                List.of(new Grant(global, "*", null, filter, false), new Grant(global, "*", null, "*", true)));
        cases.put(
                "the same and a REVOKE elsewhere",
                List.of(
                        new Grant(global, "*", null, filter, false),
                        new Grant(global, "*", null, "*", true),
                        new Grant(revoke, USER, null, "implied-elsewhere", true)));
        cases.put(
                "user REVOKE, own group grant",
                List.of(
                        new Grant(revoke, USER, null, filter, true),
                        new Grant(grant, null, "implied-c", filter, true)));
        cases.put(
                "own group REVOKE, user grant for every filter",
                List.of(new Grant(revoke, null, "implied-c", filter, true), new Grant(grant, USER, null, "*", true)));
        cases.put(
                "own group REVOKE, global",
                List.of(
                        new Grant(revoke, null, "implied-c", filter, true),
                        new Grant(global, "*", null, filter, true)));
        cases.put("another filter only", List.of(new Grant(grant, USER, null, "implied-other-filter", true)));
        for (Map.Entry<String, List<Grant>> named : cases.entrySet()) {
            List<String> created = named.getValue().stream()
                    .map(g -> {
                        Authorization a = authorizations.createNewAuthorization(g.type());
                        a.setUserId(g.user());
                        a.setGroupId(g.group());
                        a.setResource(Resources.FILTER);
                        a.setResourceId(g.resource());
                        Permissions permission = g.read() ? Permissions.READ : Permissions.UPDATE;
                        if (g.type() == revoke) a.removePermission(permission);
                        else a.addPermission(permission);
                        return authorizations.saveAuthorization(a).getId();
                    })
                    .toList();
            try {
                for (List<String> groups : List.of(GROUPS, List.<String>of())) {
                    CompositePermissionCheck one = check(false, filter);
                    CompositePermissionCheck either = check(true, "implied-other-filter", filter);
                    for (CompositePermissionCheck check : List.of(one, either))
                        assertThat(checkedByUs(groups, check))
                                .as(
                                        "%s, groups %s, %d checks",
                                        named.getKey(),
                                        groups,
                                        check.getAtomicChecks().size())
                                .isEqualTo(checkedByTheEngine(groups, check));
                }
            } finally {
                created.forEach(authorizations::deleteAuthorization);
            }
        }
        assertThat(checkedByUs(GROUPS, check(false, filter)))
                .as("with every grant deleted")
                .isFalse();
    }

    /** READ on each of the filters, all of them or (disjunctive) any. */
    private static CompositePermissionCheck check(boolean disjunctive, String... filters) {
        CompositePermissionCheck check = new CompositePermissionCheck(disjunctive);
        for (String filter : filters) {
            PermissionCheck atomic = new PermissionCheck();
            atomic.setPermission(Permissions.READ);
            atomic.setResource(Resources.FILTER);
            atomic.setResourceId(filter);
            check.addAtomicCheck(atomic);
        }
        return check;
    }

    /** Ours: the check as a command asks it, once with the lookup and again from the command's cached grants. */
    private boolean checkedByUs(List<String> groups, CompositePermissionCheck check) {
        return engineConfiguration.getCommandExecutorTxRequired().execute(context -> {
            AuthorizationShortcuts.Manager manager = (AuthorizationShortcuts.Manager) context.getAuthorizationManager();
            boolean answer = manager.isAuthorized(USER, groups, check);
            assertThat(manager.isAuthorized(USER, groups, check))
                    .as("asked again in the same command")
                    .isEqualTo(answer);
            return answer;
        });
    }

    /** The engine's own statement, with the groups and REVOKE setting its manager would give it. */
    private boolean checkedByTheEngine(List<String> groups, CompositePermissionCheck check) {
        List<String> withGrants = groups.stream()
                .filter(g ->
                        authorizations.createAuthorizationQuery().groupIdIn(g).count() > 0)
                .toList();
        return engineConfiguration.getCommandExecutorTxRequired().execute(context -> {
            boolean revokes = context.getDbEntityManager()
                    .selectBoolean("selectRevokeAuthorization", Map.of("userId", USER, "authGroupIds", withGrants));
            return context.getDbEntityManager()
                    .selectBoolean(
                            "isUserAuthorizedForResource", new AuthorizationCheck(USER, withGrants, check, revokes));
        });
    }

    /** Ours: asked as the engine asks in a check, after the user's groups with grants. */
    private boolean revokeFound() {
        identity.setAuthentication(USER, GROUPS);
        try {
            return engineConfiguration.getCommandExecutorTxRequired().execute(context -> {
                AuthorizationShortcuts.Manager manager =
                        (AuthorizationShortcuts.Manager) context.getAuthorizationManager();
                manager.filterAuthenticatedGroupIds(GROUPS);
                return manager.isRevokeAuthCheckEnabled(USER, GROUPS);
            });
        } finally {
            identity.clearAuthentication();
        }
    }

    /** The engine's own statement, as its manager runs it. */
    private boolean engineFindsRevoke() {
        List<String> withGrants = GROUPS.stream()
                .filter(g ->
                        authorizations.createAuthorizationQuery().groupIdIn(g).count() > 0)
                .toList();
        return engineConfiguration
                .getCommandExecutorTxRequired()
                .execute(context -> context.getDbEntityManager()
                        .selectBoolean(
                                "selectRevokeAuthorization", Map.of("userId", USER, "authGroupIds", withGrants)));
    }

    private TaskQuery query() {
        return tasks.createTaskQuery().processDefinitionKey(PROCESS);
    }

    /** The user's list and count equal the tasks the criteria match that the grants let the user read. */
    private void assertSameAsGrants(Function<TaskQuery, TaskQuery> criteria, int expected) {
        identity.clearAuthentication();
        List<String> readable = criteria.apply(query()).list().stream()
                .filter(this::readable)
                .map(Task::getId)
                .sorted()
                .toList();
        identity.setAuthentication(USER, GROUPS);
        try {
            List<String> listed = criteria.apply(query()).list().stream()
                    .map(Task::getId)
                    .sorted()
                    .toList();
            long counted = criteria.apply(query()).count();

            assertThat(listed).isEqualTo(readable).hasSize(expected);
            assertThat(counted).isEqualTo(expected);
        } finally {
            identity.clearAuthentication();
        }
    }

    private boolean readable(Task task) {
        return authorizations.isUserAuthorized(USER, GROUPS, Permissions.READ, Resources.TASK, task.getId())
                || authorizations.isUserAuthorized(
                        USER, GROUPS, ProcessDefinitionPermissions.READ_TASK, Resources.PROCESS_DEFINITION, PROCESS);
    }
}

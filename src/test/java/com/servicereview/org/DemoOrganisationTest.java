package com.servicereview.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DemoOrganisationTest {

    @Autowired
    OrgRepository org;

    @Autowired
    DemoOrganisationLoader loader;

    @Autowired
    IdentityService identity;

    @Autowired
    AuthorizationService authorizations;

    @Autowired
    FilterService filters;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyoneIsAnEmployeeRowAndACamundaUser() {
        assertThat(countEmployees("EMPLOYEE")).isEqualTo(12);
        assertThat(countEmployees("SUPERVISOR")).isEqualTo(2);
        assertThat(countEmployees("DEPARTMENT_HEAD")).isEqualTo(1);
        assertThat(countEmployees("GENERAL_MANAGER")).isEqualTo(1);
        assertThat(countEmployees("HR")).isEqualTo(1);
        assertThat(countEmployees("ADMIN")).isEqualTo(1);

        List<String> employeeIds =
                DemoOrganisation.PEOPLE.stream().map(DemoPerson::id).toList();
        assertThat(employeeIds)
                .hasSize(18)
                .allSatisfy(
                        id -> assertThat(identity.createUserQuery().userId(id).count())
                                .as(id)
                                .isEqualTo(1));
        assertThat(identity.checkPassword("lina", "demo")).isTrue();
    }

    @Test
    void teamsAndRolesAreCamundaGroups() {
        assertThat(memberIds(OrgGroups.team("as1"))).hasSize(7).contains("lina", "zhangwei");
        assertThat(memberIds(OrgGroups.team("as2"))).hasSize(7).contains("chengang", "zhaolei");
        assertThat(memberIds(OrgGroups.SUPERVISORS)).containsExactlyInAnyOrder("lina", "chengang");
        assertThat(memberIds(OrgGroups.DEPARTMENT_HEADS)).containsExactly("wangjianguo");
        assertThat(memberIds(OrgGroups.HR)).containsExactly("zhaomin");
        assertThat(memberIds(OrgGroups.GENERAL_MANAGERS)).containsExactly("liuzhiqiang");
        assertThat(memberIds(OrgGroups.HR_COMMITTEE)).containsExactly("zhaomin");
        assertThat(memberIds("dept-cs")).containsExactly("wangjianguo");
        assertThat(memberIds(OrgGroups.EMPLOYEES)).hasSize(17).doesNotContain("admin");
        assertThat(identity.createGroupQuery()
                        .groupId(OrgGroups.ADMINISTRATORS)
                        .singleResult()
                        .getType())
                .isEqualTo("SYSTEM");
    }

    @Test
    void adminIsADirectMemberOfCamundaAdmin() {
        assertThat(memberIds(OrgGroups.ADMINISTRATORS)).containsExactly("admin");
        // Checked on the rows: isUserAuthorized refuses the historic resources unless their
        // permissions are switched on in the engine.
        for (Resources resource : Resources.values()) {
            Authorization grant = authorizations
                    .createAuthorizationQuery()
                    .groupIdIn(OrgGroups.ADMINISTRATORS)
                    .resourceType(resource)
                    .resourceId(Authorization.ANY)
                    .singleResult();
            assertThat(grant).as(resource.resourceName()).isNotNull();
            assertThat(grant.isEveryPermissionGranted())
                    .as(resource.resourceName())
                    .isTrue();
        }
    }

    @Test
    void groupsMayUseTheWebAppsTheyNeed() {
        assertThat(canAccess("zhangwei", "tasklist")).isTrue();
        assertThat(canAccess("zhangwei", "cockpit")).isFalse();
        assertThat(canAccess("zhaomin", "cockpit")).isTrue();
        assertThat(canAccess("wangjianguo", "cockpit")).isTrue();
        assertThat(canAccess("liuzhiqiang", "cockpit")).isTrue();
        assertThat(canAccess("lina", "admin")).isFalse();
    }

    @Test
    void everyUserCanReadTheTasklistFilters() {
        assertThat(filters.createFilterQuery().list())
                .extracting("name")
                .contains(AccessProvisioner.MY_TASKS, AccessProvisioner.MY_GROUP_TASKS);
        filters.createFilterQuery()
                .list()
                .forEach(filter -> assertThat(authorizations.isUserAuthorized(
                                "sunjie", List.of(), Permissions.READ, Resources.FILTER, filter.getId()))
                        .isTrue());
    }

    @Test
    void namesSurviveTheRoundTrip() {
        assertThat(org.findEmployee("zhangwei")).hasValueSatisfying(zhangwei -> {
            assertThat(zhangwei.nameZh()).isEqualTo("张伟");
            assertThat(zhangwei.nameEn()).isEqualTo("Zhang Wei");
            assertThat(zhangwei.role()).isEqualTo(Role.EMPLOYEE);
            assertThat(zhangwei.orgUnitId()).isEqualTo("as1");
        });
        assertThat(org.findEmployee("nobody")).isEmpty();
    }

    @Test
    void supervisorsFollowTheHierarchy() {
        assertThat(org.directSupervisor("zhangwei")).map(Employee::id).hasValue("lina");
        assertThat(org.indirectSupervisor("zhangwei")).map(Employee::id).hasValue("wangjianguo");
        assertThat(org.directSupervisor("mali")).map(Employee::id).hasValue("chengang");
        assertThat(org.directSupervisor("lina")).map(Employee::id).hasValue("wangjianguo");
        // The top of the organisation: the department head reports to the general manager, who reports to nobody.
        assertThat(org.indirectSupervisor("lina")).map(Employee::id).hasValue("liuzhiqiang");
        assertThat(org.directSupervisor("wangjianguo")).map(Employee::id).hasValue("liuzhiqiang");
        assertThat(org.indirectSupervisor("wangjianguo")).isEmpty();
        assertThat(org.directSupervisor("liuzhiqiang")).isEmpty();
        assertThat(org.unit("cs")).map(OrgUnit::parentId).hasValue("hq");
        assertThat(org.unit("hq")).map(OrgUnit::kind).hasValue(UnitKind.COMPANY);
    }

    @Test
    void teamMembersAreTheTeamsPeople() {
        assertThat(org.teamMembers("as1"))
                .extracting(Employee::id)
                .containsExactly("chenjing", "huangqiang", "lina", "liuyang", "wangfang", "yangxiuying", "zhangwei");
        assertThat(org.teamMembers("cs")).extracting(Employee::id).containsExactly("wangjianguo");
    }

    @Test
    void loadingAgainChangesNothing() {
        Map<String, Long> before = counts();

        Map<String, Integer> created = loader.load();

        assertThat(created.values()).allMatch(count -> count == 0);
        assertThat(counts()).isEqualTo(before);
    }

    private Map<String, Long> counts() {
        return Map.of(
                "orgUnits",
                        jdbc.sql("select count(*) from review.org_unit")
                                .query(Long.class)
                                .single(),
                "employees",
                        jdbc.sql("select count(*) from review.employee")
                                .query(Long.class)
                                .single(),
                "auditEvents",
                        jdbc.sql("select count(*) from review.audit_event")
                                .query(Long.class)
                                .single(),
                "users", identity.createUserQuery().count(),
                "groups", identity.createGroupQuery().count(),
                "memberships",
                        jdbc.sql("select count(*) from public.act_id_membership")
                                .query(Long.class)
                                .single(),
                "authorizations", authorizations.createAuthorizationQuery().count(),
                "filters", filters.createFilterQuery().count());
    }

    private long countEmployees(String role) {
        return DemoOrganisation.PEOPLE.stream()
                .filter(p ->
                        org.findEmployee(p.id()).orElseThrow().role().name().equals(role))
                .count();
    }

    /** The group's members among the demo people: other tests import people of their own into the shared database. */
    private List<String> memberIds(String groupId) {
        List<String> demo = DemoOrganisation.PEOPLE.stream().map(DemoPerson::id).toList();
        return identity.createUserQuery().memberOfGroup(groupId).list().stream()
                .map(user -> user.getId())
                .filter(demo::contains)
                .toList();
    }

    private boolean canAccess(String userId, String application) {
        List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream()
                .map(group -> group.getId())
                .toList();
        return authorizations.isUserAuthorized(userId, groups, Permissions.ACCESS, Resources.APPLICATION, application);
    }
}

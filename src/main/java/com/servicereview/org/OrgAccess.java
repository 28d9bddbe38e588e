package com.servicereview.org;

import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * Who may see what of the organisation's review data — the one rule behind cycles, cycle reports,
 * reviews and the Camunda identity grants:
 * <ul>
 * <li>HR and administrators see everything;</li>
 * <li>a line manager (department head, supervisor) sees the units they head and every unit below
 * them, and the people of those units and the people they supervise directly or indirectly;</li>
 * <li>everyone sees themselves.</li>
 * </ul>
 * Supervisor groups alone give nothing: a supervisor of one team does not see another team.
 */
@Component
public class OrgAccess {

    private final OrgRepository org;
    private final IdentityService identity;

    OrgAccess(OrgRepository org, IdentityService identity) {
        this.org = org;
        this.identity = identity;
    }

    /** HR and administrators, judged by the Camunda groups given. */
    public static boolean seesEverything(Collection<String> groupIds) {
        return groupIds.contains(OrgGroups.HR) || groupIds.contains(OrgGroups.ADMINISTRATORS);
    }

    public boolean seesEverything(String userId) {
        return userId != null && seesEverything(groupsOf(userId));
    }

    /** A direct or indirect member of camunda-admin. */
    public boolean isAdministrator(String userId) {
        return userId != null && groupsOf(userId).contains(OrgGroups.ADMINISTRATORS);
    }

    public boolean canSeeUnit(String userId, String unitId) {
        return userId != null && (seesEverything(userId) || org.headsUnitOrAbove(userId, unitId));
    }

    /** Whether the user may see the employee's reviews. */
    public boolean canSeeEmployee(String userId, String employeeId) {
        if (userId == null) return false;
        if (userId.equals(employeeId) || seesEverything(userId)) return true;
        return org.supervisorChain(employeeId).contains(userId)
                || org.findEmployee(employeeId)
                        .map(Employee::orgUnitId)
                        .filter(unit -> org.headsUnitOrAbove(userId, unit))
                        .isPresent();
    }

    private List<String> groupsOf(String userId) {
        return identity.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId)
                .toList();
    }
}

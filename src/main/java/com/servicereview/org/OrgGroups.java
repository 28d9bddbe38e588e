package com.servicereview.org;

import org.camunda.bpm.engine.authorization.Groups;

/** Camunda group ids that the organisation's roles map to; processes use them as candidate groups. */
public final class OrgGroups {

    public static final String EMPLOYEES = "employees";
    public static final String SUPERVISORS = "supervisors";
    public static final String DEPARTMENT_HEADS = "department-heads";
    /** 总经理: the top of the organisation; rates the department heads (cs-manager, call-center-manager). */
    public static final String GENERAL_MANAGERS = "general-managers";

    public static final String HR = "hr";
    /** 人事决策委员会: decides escalated appeals that can lead to demotion or separation, and overdue HR tasks. */
    public static final String HR_COMMITTEE = "hr-committee";
    /** Camunda's own administrators group: full access to the engine and all web apps. */
    public static final String ADMINISTRATORS = Groups.CAMUNDA_ADMIN;

    private OrgGroups() {}

    /** The group of everyone assigned to a team, e.g. {@code team-as1}. */
    public static String team(String unitId) {
        return "team-" + unitId;
    }
}

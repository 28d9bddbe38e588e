package com.servicereview.org;

/** What a person does in the review process; stored in {@code review.employee.role}. */
public enum Role {
    EMPLOYEE,
    SUPERVISOR,
    DEPARTMENT_HEAD,
    /** 总经理: heads the company unit; department heads report to them. */
    GENERAL_MANAGER,
    HR,
    ADMIN
}

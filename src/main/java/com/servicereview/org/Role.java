package com.servicereview.org;

/** What a person does in the review process; stored in {@code review.employee.role}. */
public enum Role {
    EMPLOYEE,
    SUPERVISOR,
    DEPARTMENT_HEAD,
    HR,
    ADMIN
}

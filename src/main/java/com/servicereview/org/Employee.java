package com.servicereview.org;

import java.time.LocalDate;

/**
 * A person in the organisation. {@code id} is also the person's Camunda user id, so task
 * assignees and employees are joined without a mapping table.
 *
 * @param supervisorId the direct supervisor, or null for the top of the hierarchy and staff outside it
 */
public record Employee(
        String id,
        String nameZh,
        String nameEn,
        String email,
        String orgUnitId,
        String jobTitle,
        Role role,
        String supervisorId,
        LocalDate hiredOn,
        boolean active) {}

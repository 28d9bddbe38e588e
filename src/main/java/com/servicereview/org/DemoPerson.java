package com.servicereview.org;

import java.time.LocalDate;

/** A person of the demo organisation: Chinese name and its pinyin (given and family name). */
record DemoPerson(
        String id,
        String nameZh,
        String givenName,
        String familyName,
        String orgUnitId,
        String jobTitle,
        Role role,
        String supervisorId,
        LocalDate hiredOn) {

    String email() {
        return id + "@example.com";
    }

    Employee employee() {
        // Chinese order in our own tables: family name first.
        return new Employee(
                id,
                nameZh,
                familyName + " " + givenName,
                email(),
                orgUnitId,
                jobTitle,
                role,
                supervisorId,
                hiredOn,
                true);
    }
}

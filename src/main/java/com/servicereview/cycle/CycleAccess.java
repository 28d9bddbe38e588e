package com.servicereview.cycle;

import com.servicereview.org.OrgGroups;
import com.servicereview.security.ApiAuthenticationFilter;
import com.servicereview.web.ForbiddenException;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

import java.util.Set;

/** Who may follow a cycle (its API and its report): HR, administrators, department heads, supervisors. */
@Component
public class CycleAccess {

    static final Set<String> READERS = Set.of(OrgGroups.HR, OrgGroups.ADMINISTRATORS, OrgGroups.DEPARTMENT_HEADS,
            OrgGroups.SUPERVISORS);

    private final IdentityService identity;

    CycleAccess(IdentityService identity) {
        this.identity = identity;
    }

    public boolean mayRead(HttpServletRequest request) {
        String user = (String) request.getAttribute(ApiAuthenticationFilter.USER_ID_ATTRIBUTE);
        return user != null && identity.createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId).anyMatch(READERS::contains);
    }

    public void check(HttpServletRequest request, String cycleId) {
        if (!mayRead(request)) throw new ForbiddenException("you may not read cycle " + cycleId);
    }
}

package com.servicereview.metrics;

import com.servicereview.org.OrgGroups;
import com.servicereview.security.ApiAuthenticationFilter;
import com.servicereview.web.ForbiddenException;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import java.util.List;

/** KPI data is HR's: only HR and administrators import records, read imports and recompute KPIs. */
@Component
class MetricsAccess {

    private final IdentityService identity;

    MetricsAccess(IdentityService identity) {
        this.identity = identity;
    }

    /** The caller's user id, when HR or an administrator; otherwise 403. */
    String requireHr(HttpServletRequest request, String action) {
        String user = (String) request.getAttribute(ApiAuthenticationFilter.USER_ID_ATTRIBUTE);
        Authentication authentication = identity.getCurrentAuthentication();
        List<String> groups = authentication == null ? List.of() : authentication.getGroupIds();
        if (user == null || !(groups.contains(OrgGroups.HR) || groups.contains(OrgGroups.ADMINISTRATORS))) {
            throw new ForbiddenException("only HR and administrators may " + action);
        }
        return user;
    }
}

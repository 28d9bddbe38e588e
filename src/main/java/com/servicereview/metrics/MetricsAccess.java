package com.servicereview.metrics;

import com.servicereview.org.OrgAccess;
import com.servicereview.security.ApiAuthenticationFilter;
import com.servicereview.web.ForbiddenException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/** KPI data is HR's: only HR and administrators (who see everything, {@link OrgAccess}) import records, read imports and recompute KPIs. */
@Component
class MetricsAccess {

    private final OrgAccess access;

    MetricsAccess(OrgAccess access) {
        this.access = access;
    }

    /** The caller's user id, when HR or an administrator; otherwise 403. */
    String requireHr(HttpServletRequest request, String action) {
        String user = (String) request.getAttribute(ApiAuthenticationFilter.USER_ID_ATTRIBUTE);
        if (!access.seesEverything(user)) throw new ForbiddenException("only HR and administrators may " + action);
        return user;
    }
}

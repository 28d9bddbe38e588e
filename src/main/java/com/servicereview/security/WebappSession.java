package com.servicereview.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * The login of the Camunda web apps (Tasklist, Cockpit, Admin, welcome page) as they keep it in the HTTP
 * session, read for our own paths: who is logged in for our engine, and the session's CSRF token, which
 * Camunda's {@code CsrfPreventionFilter} issues (cookie {@code XSRF-TOKEN}, path {@code /camunda}) and
 * expects back in header {@code X-XSRF-TOKEN}. A request that carries an {@code Authorization} header is
 * judged by that header alone, never by the session.
 */
@Component
class WebappSession {

    static final String CSRF_HEADER = CsrfConstants.CSRF_TOKEN_HEADER_NAME;

    private final String engineName;

    WebappSession(ProcessEngine engine) {
        this.engineName = engine.getName();
    }

    /** The user logged in to the web apps in this request's session; reads the session, never creates one. */
    Optional<String> userId(HttpServletRequest request) {
        return session(request)
                // Camunda's own accessor; it puts an empty login into a session that has none, as the web apps do.
                .map(session ->
                        AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine(engineName))
                .map(Authentication::getIdentityId);
    }

    Optional<String> csrfToken(HttpServletRequest request) {
        return session(request)
                .map(session -> (String) session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME));
    }

    /** A modifying request (Camunda's definition: not GET, HEAD or OPTIONS) that the session would authenticate. */
    boolean mustCarryCsrfToken(HttpServletRequest request) {
        return !CsrfConstants.CSRF_NON_MODIFYING_METHODS_PATTERN
                        .matcher(request.getMethod())
                        .matches()
                && userId(request).isPresent();
    }

    private static Optional<HttpSession> session(HttpServletRequest request) {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) return Optional.empty();
        return Optional.ofNullable(request.getSession(false));
    }
}

package com.servicereview.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Accepts the Camunda web apps' login for our paths: a browser logged in to Tasklist or Cockpit opens a
 * report or calls the API without a second password. The authentication lives for this request only and
 * is derived from the session every time, so the web apps' logout (which removes the login from the
 * session) ends access here too, and a user deleted meanwhile is no longer accepted.
 *
 * <p>The session's CSRF token is repeated in the response header {@code X-XSRF-TOKEN}: the web apps'
 * cookie is scoped to their path, so a page outside it (the console) can read the token only this way,
 * and only from its own origin.
 */
class WebappSessionAuthenticationFilter extends OncePerRequestFilter {

    private final WebappSession webapp;
    private final EngineUsers users;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    WebappSessionAuthenticationFilter(WebappSession webapp, EngineUsers users) {
        this.webapp = webapp;
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> userId =
                contexts.getContext().getAuthentication() == null ? webapp.userId(request) : Optional.empty();
        if (userId.isPresent() && users.exists(userId.get())) {
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(users.authenticated(userId.get()));
            contexts.setContext(context);
            webapp.csrfToken(request).ifPresent(token -> response.setHeader(WebappSession.CSRF_HEADER, token));
        }
        chain.doFilter(request, response);
    }
}

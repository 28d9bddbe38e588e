package com.servicereview.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs the rest of an authorized request as its caller in the engine: the user and their groups are set on
 * the engine, so engine calls made by our controllers are subject to Camunda's authorization checks like
 * calls through {@code /engine-rest}.
 */
class EngineAuthenticationFilter extends OncePerRequestFilter {

    private final IdentityService identity;

    EngineAuthenticationFilter(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Placed after the authorization filter: only authenticated callers get here.
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        identity.setAuthentication(caller.getName(), EngineUsers.groupIds(caller));
        try {
            chain.doFilter(request, response);
        } finally {
            // The engine keeps the authentication per thread; pooled threads must not carry it on.
            identity.clearAuthentication();
        }
    }
}

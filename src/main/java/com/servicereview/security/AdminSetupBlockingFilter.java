package com.servicereview.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses the Admin webapp's first-run setup endpoint ({@code /camunda/api/admin/setup/...}).
 * In Camunda 7.24.0 CE it lets an anonymous caller create an administrator whenever the
 * {@code camunda-admin} group has no direct member (advisory fixed only in enterprise patches).
 * Administrators are created by our demo loader or by operations, never through this endpoint.
 */
class AdminSetupBlockingFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AdminSetupBlockingFilter.class);

    private final JsonErrorWriter errors;

    AdminSetupBlockingFilter(JsonErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        log.warn(
                "Refused admin setup request {} {} from {}",
                request.getMethod(),
                request.getRequestURI(),
                request.getRemoteAddr());
        errors.write(
                response,
                HttpStatus.FORBIDDEN,
                "forbidden",
                "The admin setup endpoint is disabled; administrators are created by operations");
    }
}

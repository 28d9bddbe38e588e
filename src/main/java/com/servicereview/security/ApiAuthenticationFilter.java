package com.servicereview.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic authentication of our own API against Camunda's identity store. The authenticated
 * user and groups are set on the engine for the request, so engine calls made by our controllers
 * are subject to Camunda's authorization checks like calls through {@code /engine-rest}.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {

    /** Request attribute holding the authenticated user id (a String) for controllers. */
    public static final String USER_ID_ATTRIBUTE = "serviceReview.userId";

    private static final String CHALLENGE = "Basic realm=\"service-review\"";

    private final IdentityService identity;
    private final JsonErrorWriter errors;

    ApiAuthenticationFilter(IdentityService identity, JsonErrorWriter errors) {
        this.identity = identity;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<BasicCredentials> credentials = BasicCredentials.parse(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (credentials.isEmpty()) {
            reject(response, "HTTP Basic credentials are required");
            return;
        }
        // checkPassword applies Camunda's login throttling: repeated failures delay and then lock the user.
        String userId = credentials.get().userId();
        if (!identity.checkPassword(userId, credentials.get().password())) {
            reject(response, "Unknown user or wrong password");
            return;
        }
        List<String> groupIds = identity.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId)
                .toList();
        identity.setAuthentication(userId, groupIds);
        request.setAttribute(USER_ID_ATTRIBUTE, userId);
        try {
            chain.doFilter(request, response);
        } finally {
            // The engine keeps the authentication per thread; pooled threads must not carry it on.
            identity.clearAuthentication();
        }
    }

    private void reject(HttpServletResponse response, String message) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        errors.write(response, HttpStatus.UNAUTHORIZED, "unauthorized", message);
    }
}

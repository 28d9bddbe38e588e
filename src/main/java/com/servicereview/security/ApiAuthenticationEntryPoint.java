package com.servicereview.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Answers a caller without a valid login: {@code 401} with a Basic challenge and a JSON problem body; a
 * browser that opens the console without a session is sent to the web apps' login page instead.
 */
class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint {

    static final String CHALLENGE = "Basic realm=\"" + ApiSecurityConfiguration.REALM + "\"";

    private final JsonErrorWriter errors;
    private final String loginPage;
    private final RequestMatcher consoleInABrowser;

    ApiAuthenticationEntryPoint(JsonErrorWriter errors, String loginPage) {
        this.errors = errors;
        this.loginPage = loginPage;
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        // "*/*" alone is what API clients send, not a browser asking for a page.
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        this.consoleInABrowser =
                new AndRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/console/**"), html);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refusal)
            throws IOException {
        boolean wrongCredentials = refusal instanceof BadCredentialsException;
        if (!wrongCredentials && consoleInABrowser.matches(request)) {
            response.sendRedirect(request.getContextPath() + loginPage);
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        errors.write(
                response,
                HttpStatus.UNAUTHORIZED,
                "unauthorized",
                wrongCredentials
                        ? CamundaPasswordAuthenticationProvider.WRONG_CREDENTIALS
                        : "HTTP Basic credentials or a login to the Camunda web apps are required");
    }
}

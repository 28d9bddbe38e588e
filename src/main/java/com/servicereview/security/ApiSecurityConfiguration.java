package com.servicereview.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Spring Security for our own paths: {@code /api}, {@code /reports} (the report pages) and {@code /console}.
 * A caller is authenticated by
 * <ul>
 *   <li>HTTP Basic, checked against Camunda's users ({@link CamundaPasswordAuthenticationProvider}), or</li>
 *   <li>the Camunda web apps' login in the browser session ({@link WebappSessionAuthenticationFilter}); a
 *       modifying request so authenticated must carry the web apps' CSRF token in {@code X-XSRF-TOKEN}.</li>
 * </ul>
 * Nothing is kept in the session by this chain: each request is authenticated anew. The role-based rules are
 * {@link AccessRules}; the engine then runs the request as the caller ({@link EngineAuthenticationFilter}).
 * Camunda's web apps and {@code /engine-rest} keep their own protection ({@link SecurityFilterConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

    static final String REALM = "service-review";

    /** The paths of this chain, as Spring MVC patterns and as the servlet mappings of Spring Security's filter. */
    static final List<String> PATHS = List.of("/api", "/reports", "/console");

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            CamundaPasswordAuthenticationProvider passwords,
            WebappSession webapp,
            EngineUsers users,
            IdentityService identity,
            JsonErrorWriter errors,
            CamundaBpmProperties camunda)
            throws Exception {
        // The welcome page has the web apps' login form; after it the user opens the console again.
        ApiAuthenticationEntryPoint entryPoint = new ApiAuthenticationEntryPoint(
                errors, camunda.getWebapp().getApplicationPath() + "/app/welcome/default/");
        http.securityMatcher(new OrRequestMatcher(PATHS.stream()
                        .map(path -> (RequestMatcher)
                                PathPatternRequestMatcher.withDefaults().matcher(path + "/**"))
                        .toList()))
                .authenticationManager(new ProviderManager(passwords))
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(entryPoint))
                .addFilterAfter(new WebappSessionAuthenticationFilter(webapp, users), BasicAuthenticationFilter.class)
                .addFilterAfter(new EngineAuthenticationFilter(identity), AuthorizationFilter.class)
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(webapp::mustCarryCsrfToken)
                        .csrfTokenRepository(new WebappCsrfTokens(webapp))
                        .csrfTokenRequestHandler(new HeaderOnly()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(
                        context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied(errors)))
                // Logging out is the web apps' (their logout removes the login that this chain reads).
                .logout(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(authorize -> {
                    AccessRules.RULES.forEach(
                            rule -> authorize.requestMatchers(rule.paths()).hasAnyAuthority(rule.authorities()));
                    authorize.anyRequest().authenticated();
                });
        return http.build();
    }

    /**
     * Spring Security's servlet filter sees only our paths. Camunda's web apps and REST API keep exactly their
     * own filters; Spring's request firewall would otherwise judge their URLs too. Spring Boot registers that
     * filter (the proxy to {@code springSecurityFilterChain}) as the application's only delegating filter proxy.
     */
    @Bean
    static BeanPostProcessor securityFilterOnlyForOurPaths() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof DelegatingFilterProxyRegistrationBean registration) {
                    registration.setUrlPatterns(
                            PATHS.stream().map(path -> path + "/*").toList());
                }
                return bean;
            }
        };
    }

    private static AccessDeniedHandler denied(JsonErrorWriter errors) {
        return (request, response, refusal) -> {
            if (refusal instanceof CsrfException) {
                errors.write(
                        response,
                        HttpStatus.FORBIDDEN,
                        "invalid-csrf-token",
                        "a request authenticated by the web apps' login"
                                + " must carry the session's CSRF token (cookie XSRF-TOKEN) in header "
                                + WebappSession.CSRF_HEADER);
            } else {
                errors.write(response, HttpStatus.FORBIDDEN, "forbidden", AccessRules.refusal(request));
            }
        };
    }

    /** The token is the one the web apps issued for the session; this chain issues none and stores nothing. */
    private record WebappCsrfTokens(WebappSession webapp) implements CsrfTokenRepository {

        @Override
        public CsrfToken loadToken(HttpServletRequest request) {
            return webapp.csrfToken(request).map(WebappCsrfTokens::token).orElse(null);
        }

        /** Asked for when the session has no token: one that nobody knows, so the request is refused. */
        @Override
        public CsrfToken generateToken(HttpServletRequest request) {
            return token(UUID.randomUUID().toString());
        }

        @Override
        public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
            // Only Camunda's CsrfPreventionFilter writes the session's token.
        }

        private static CsrfToken token(String value) {
            return new DefaultCsrfToken(WebappSession.CSRF_HEADER, "_csrf", value);
        }
    }

    /** Like the web apps: the token is read from the header only, never from a form field of the body. */
    private static final class HeaderOnly extends CsrfTokenRequestAttributeHandler {

        @Override
        public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
            return request.getHeader(token.getHeaderName());
        }
    }
}

package com.servicereview.security;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.autoconfigure.web.servlet.JerseyApplicationPath;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Registers the servlet filters that protect the HTTP surface:
 * <ul>
 *   <li>{@code /engine-rest/*}: Camunda's HTTP Basic authentication (open by default), in one transaction
 *       ({@link EngineRestBasicAuthentication});</li>
 *   <li>the two mitigations for advisories unpatched in 7.24.0 CE: the admin setup endpoint is
 *       blocked, and task queries carrying expressions are rejected.</li>
 * </ul>
 * The Camunda web apps authenticate with their own session login and CSRF filters; our own paths
 * ({@code /api}, {@code /reports}, {@code /console}) are Spring Security's ({@link ApiSecurityConfiguration}).
 * Paths are taken from the REST and web-app configuration, so moving either keeps it protected. All these
 * filters run before the web apps' filters, which Camunda registers without an order, and before Spring Security's.
 */
@Configuration(proxyBeanMethods = false)
class SecurityFilterConfiguration {

    // Refusals first; authentication before the expression check, so anonymous callers get a 401.
    private static final int ADMIN_SETUP_BLOCK_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;
    private static final int AUTHENTICATION_ORDER = ADMIN_SETUP_BLOCK_ORDER + 10;
    private static final int EXPRESSION_GUARD_ORDER = AUTHENTICATION_ORDER + 10;

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthenticationFilter(
            JerseyApplicationPath restPath) {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("engineRestAuthentication");
        registration.addUrlPatterns(restPath.getUrlMapping());
        registration.addInitParameter(
                ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                EngineRestBasicAuthentication.class.getName());
        // The filter cuts this prefix off the request URI to find "/engine/{name}" and its whitelist.
        // Without it, it uses the servlet path, which is right only while Jersey runs as a servlet.
        registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, prefixOf(restPath));
        registration.setOrder(AUTHENTICATION_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<AdminSetupBlockingFilter> adminSetupBlockingFilter(
            CamundaBpmProperties camunda, JsonErrorWriter errors) {
        FilterRegistrationBean<AdminSetupBlockingFilter> registration =
                new FilterRegistrationBean<>(new AdminSetupBlockingFilter(errors));
        registration.setName("adminSetupBlock");
        registration.addUrlPatterns(webAppPath(camunda) + "/api/admin/setup/*");
        registration.setOrder(ADMIN_SETUP_BLOCK_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<TaskQueryExpressionGuard> taskQueryExpressionGuard(
            JerseyApplicationPath restPath, CamundaBpmProperties camunda, JsonErrorWriter errors) {
        FilterRegistrationBean<TaskQueryExpressionGuard> registration =
                new FilterRegistrationBean<>(new TaskQueryExpressionGuard(errors));
        registration.setName("taskQueryExpressionGuard");
        registration.addUrlPatterns(restPath.getUrlMapping(), webAppPath(camunda) + "/api/engine/*");
        registration.setOrder(EXPRESSION_GUARD_ORDER);
        return registration;
    }

    /** "/engine-rest/*" becomes "/engine-rest". */
    private static String prefixOf(JerseyApplicationPath restPath) {
        String mapping = restPath.getUrlMapping();
        return mapping.substring(0, mapping.length() - "/*".length());
    }

    private static String webAppPath(CamundaBpmProperties camunda) {
        return camunda.getWebapp().getApplicationPath();
    }
}

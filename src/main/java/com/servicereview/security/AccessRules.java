package com.servicereview.security;

import com.servicereview.org.OrgGroups;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The role-based access rules of our API, all of them: which paths only some Camunda groups may use.
 * Everything else under {@code /api}, {@code /reports} and {@code /console} needs an authenticated user,
 * and the per-record rules (which cycle, review or employee a caller may see) are {@code org.OrgAccess}'s.
 * Patterns are matched like Spring MVC matches its mappings.
 */
final class AccessRules {

    record Rule(RequestMatcher paths, List<String> groups, String message) {

        Rule(List<String> groups, String message, String... patterns) {
            this(
                    new OrRequestMatcher(Stream.of(patterns)
                            .map(PATHS::matcher)
                            .map(RequestMatcher.class::cast)
                            .toList()),
                    groups,
                    message);
        }

        Rule(HttpMethod method, List<String> groups, String message, String... patterns) {
            this(
                    new OrRequestMatcher(Stream.of(patterns)
                            .map(p -> PATHS.matcher(method, p))
                            .map(RequestMatcher.class::cast)
                            .toList()),
                    groups,
                    message);
        }

        String[] authorities() {
            return groups.stream()
                    .map(EngineUsers::authority)
                    .map(GrantedAuthority::getAuthority)
                    .toArray(String[]::new);
        }
    }

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    static final List<Rule> RULES = List.of(
            // Payroll is HR's alone, for every unit; line managers see totals and grades in the cycle, not pay.
            new Rule(
                    List.of(OrgGroups.HR),
                    "only HR may enter, compute, read or export pay",
                    "/api/pay/**",
                    "/api/cycles/*/pay/**",
                    "/api/cycles/*/pay.*"),
            // KPI data is HR's: HR and administrators import records, read imports and recompute KPIs.
            new Rule(
                    List.of(OrgGroups.HR, OrgGroups.ADMINISTRATORS),
                    "only HR and administrators may import records, read imports and recompute KPIs",
                    "/api/imports/**",
                    "/api/kpis/**"),
            // The organisation decides who reviews whom: HR and administrators import it.
            new Rule(
                    List.of(OrgGroups.HR, OrgGroups.ADMINISTRATORS),
                    "只有人力资源或管理员可以导入组织架构 / only HR and administrators may import the organisation",
                    "/api/org/import"),
            // Schemes decide pay: only HR and administrators publish a version (reading and what-if are for everyone).
            new Rule(
                    HttpMethod.POST,
                    List.of(OrgGroups.HR, OrgGroups.ADMINISTRATORS),
                    "只有人力资源或管理员可发布考核方案 / only HR or an administrator may publish a scheme",
                    "/api/schemes"),
            // Who works a running review's step is HR's decision, audited (ReviewReassignment).
            new Rule(
                    List.of(OrgGroups.HR, OrgGroups.ADMINISTRATORS),
                    "只有人力资源或管理员可以重新指派 / only HR and administrators reassign review steps",
                    "/api/reviews/*/participants/**"));

    private AccessRules() {}

    /** Why a caller was refused: the message of the first rule for the request's path. */
    static String refusal(HttpServletRequest request) {
        return RULES.stream()
                .filter(rule -> rule.paths().matches(request))
                .map(Rule::message)
                .findFirst()
                .orElse("you may not use " + request.getRequestURI());
    }
}

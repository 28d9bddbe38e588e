package com.servicereview.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects task queries that carry a JUEL expression. In Camunda 7.24.0 CE an authenticated user can
 * smuggle expressions into a task query through {@code orQueries}, bypassing
 * {@code enableExpressionsInAdhocQueries}, and so run code on the server (advisory fixed only in
 * enterprise patches). Applies to the task query ({@code /task}, {@code /task/count}) and to
 * executing a filter ({@code /filter/{id}/list|count|singleResult}, whose body extends the stored
 * query), on {@code /engine-rest} and on the web apps' engine API, with or without
 * {@code /engine/{name}}. Stored filter queries keep their expressions: they are saved by admins.
 */
class TaskQueryExpressionGuard extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(TaskQueryExpressionGuard.class);

    /** Matched at the end of the path, so any mount point and engine segment is covered. */
    private static final Pattern TASK_QUERY_PATH =
            Pattern.compile("/(task(/count)?|filter/[^/]+/(list|count|singleResult))/?$");

    /** A task query is a few kilobytes; the cap keeps the in-memory copy small. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final JsonErrorWriter errors;

    TaskQueryExpressionGuard(JsonErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // Servlet and path info are decoded and normalised by the container (no ";params", no "//").
        String path = request.getServletPath() + Objects.toString(request.getPathInfo(), "");
        return !TASK_QUERY_PATH.matcher(path).find();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            errors.write(
                    response,
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    "payload_too_large",
                    "A task query body may have at most " + MAX_BODY_BYTES + " bytes");
            return;
        }
        String problem = findProblem(request.getQueryString(), body);
        if (problem != null) {
            log.warn(
                    "Rejected task query {} {} from {}: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    request.getRemoteAddr(),
                    problem);
            errors.write(response, HttpStatus.BAD_REQUEST, "bad_request", problem);
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    /** @return why the query is refused, or null if it may pass */
    private static String findProblem(String queryString, byte[] body) {
        try {
            if (ExpressionDetector.inQueryString(queryString)) {
                return "Expressions (${...} or #{...}) are not allowed in task query parameters";
            }
        } catch (IllegalArgumentException malformed) {
            return "The query string is not validly URL-encoded";
        }
        try {
            if (ExpressionDetector.inJson(body)) {
                return "Expressions (${...} or #{...}) are not allowed in task query bodies";
            }
        } catch (IOException malformed) {
            // Fail closed: what we cannot read, we cannot vouch for.
            return "The task query body is not well-formed JSON";
        }
        return null;
    }
}

package com.servicereview.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who calls our API: the one way controllers learn the caller's Camunda user id. */
public final class CurrentUser {

    private CurrentUser() {}

    /**
     * The Camunda user id of the request's caller, authenticated by HTTP Basic or by the web apps' session
     * ({@link ApiSecurityConfiguration}). Every path under {@code /api}, {@code /reports} and {@code /console}
     * requires one, so a missing user is a programming error, not a client's.
     */
    public static String id() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            throw new IllegalStateException("no authenticated user: the request did not pass the API security chain");
        }
        return authentication.getName();
    }

    /**
     * Whether the caller is in the Camunda group, judged as {@link AccessRules} judges the API's paths (by the groups
     * the request's authentication carries), so that a page can follow the rule of the API it calls.
     */
    public static boolean inGroup(String groupId) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && EngineUsers.groupIds(authentication).contains(groupId);
    }
}

package com.servicereview.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * A Camunda user as a Spring Security authentication: the name is the user id, and each Camunda group
 * the user is in becomes the authority {@code GROUP_<group id>}. The groups are read from the identity
 * store on every request, so a changed membership counts at once.
 */
@Component
class EngineUsers {

    static final String GROUP_AUTHORITY_PREFIX = "GROUP_";

    private final IdentityService identity;

    EngineUsers(IdentityService identity) {
        this.identity = identity;
    }

    boolean exists(String userId) {
        return identity.createUserQuery().userId(userId).count() > 0;
    }

    /** Called while the engine has no authentication for the thread, so the group query is not restricted. */
    Authentication authenticated(String userId) {
        List<GrantedAuthority> authorities = groupIdsOf(identity, userId).stream()
                .map(EngineUsers::authority)
                .toList();
        return UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities);
    }

    /** The ids of the groups {@code userId} is a direct member of, read from the identity store. */
    static List<String> groupIdsOf(IdentityService identity, String userId) {
        return identity.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId)
                .toList();
    }

    static GrantedAuthority authority(String groupId) {
        return new SimpleGrantedAuthority(GROUP_AUTHORITY_PREFIX + groupId);
    }

    /** The Camunda group ids of an authentication made by {@link #authenticated}. */
    static List<String> groupIds(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(GROUP_AUTHORITY_PREFIX))
                .map(authority -> authority.substring(GROUP_AUTHORITY_PREFIX.length()))
                .toList();
    }
}

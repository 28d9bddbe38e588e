package com.servicereview.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Checks HTTP Basic credentials against Camunda's identity store. A bean, so that Spring Boot creates no
 * user store of its own (with a generated password) beside Camunda's.
 */
@Component
class CamundaPasswordAuthenticationProvider implements AuthenticationProvider {

    static final String WRONG_CREDENTIALS = "Unknown user or wrong password";

    private final IdentityService identity;
    private final EngineUsers users;

    CamundaPasswordAuthenticationProvider(IdentityService identity, EngineUsers users) {
        this.identity = identity;
        this.users = users;
    }

    @Override
    public Authentication authenticate(Authentication credentials) {
        String userId = credentials.getName();
        Object password = credentials.getCredentials();
        // checkPassword applies Camunda's login throttling: repeated failures delay and then lock the user.
        if (userId == null
                || userId.isEmpty()
                || password == null
                || !identity.checkPassword(userId, password.toString())) {
            throw new BadCredentialsException(WRONG_CREDENTIALS);
        }
        return users.authenticated(userId);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}

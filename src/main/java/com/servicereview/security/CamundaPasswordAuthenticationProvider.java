package com.servicereview.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks HTTP Basic credentials against Camunda's identity store. A bean, so that Spring Boot creates no
 * user store of its own (with a generated password) beside Camunda's.
 */
@Component
class CamundaPasswordAuthenticationProvider implements AuthenticationProvider {

    static final String WRONG_CREDENTIALS = "Unknown user or wrong password";

    private final IdentityService identity;
    private final EngineUsers users;
    private final TransactionTemplate oneTransaction;

    CamundaPasswordAuthenticationProvider(
            IdentityService identity, EngineUsers users, PlatformTransactionManager transactions) {
        this.identity = identity;
        this.users = users;
        this.oneTransaction = new TransactionTemplate(transactions);
    }

    @Override
    public Authentication authenticate(Authentication credentials) {
        String userId = credentials.getName();
        Object password = credentials.getCredentials();
        if (userId == null || userId.isEmpty() || password == null) {
            throw new BadCredentialsException(WRONG_CREDENTIALS);
        }
        // The password and the user's groups in one transaction, which commits a refusal too: checkPassword applies
        // Camunda's login throttling, so repeated failures delay and then lock the user.
        Authentication authenticated = oneTransaction.execute(
                status -> identity.checkPassword(userId, password.toString()) ? users.authenticated(userId) : null);
        if (authenticated == null) throw new BadCredentialsException(WRONG_CREDENTIALS);
        return authenticated;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}

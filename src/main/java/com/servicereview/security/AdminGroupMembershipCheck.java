package com.servicereview.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Warns at start-up when {@code camunda-admin} has no direct member: that is the state in which
 * Camunda 7.24.0's setup endpoint hands out administrator accounts. The endpoint is blocked by
 * {@link AdminSetupBlockingFilter}; the warning is the second line of defence and tells operations
 * that nobody can administer the engine.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE) // after the demo loader, which creates the admin in demo mode
class AdminGroupMembershipCheck implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminGroupMembershipCheck.class);

    private final IdentityService identity;

    AdminGroupMembershipCheck(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
            log.warn(
                    "Group '{}' has no direct member: nobody can administer the engine. Create an "
                            + "administrator and add the user directly to '{}'.",
                    Groups.CAMUNDA_ADMIN,
                    Groups.CAMUNDA_ADMIN);
        }
    }
}

package com.servicereview.directory;

import com.servicereview.security.IdentityQueryGuard.GuardedIdentityProvider;
import java.util.Set;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/**
 * Camunda's database identity provider (with {@code IdentityQueryGuard}'s query rules) whose password check asks
 * the directory. Users, groups, memberships and the lock state stay in Camunda's tables, so provisioning from the
 * organisation, candidate groups and authorizations work as without a directory; the passwords Camunda stores
 * are ignored, except for the configured local users. The engine creates one per command context.
 */
public class DirectoryIdentityProvider extends GuardedIdentityProvider {

    private final DirectoryAuthenticator directory;
    private final Set<String> localUsers;

    DirectoryIdentityProvider(DirectoryAuthenticator directory, Set<String> localUsers) {
        this.directory = directory;
        this.localUsers = localUsers;
    }

    /**
     * Camunda's own check with the directory in place of the stored hash: only a user that exists in Camunda and is
     * not locked is looked up in the directory, and each refused password counts towards Camunda's login throttling
     * (a delay that doubles, then a lock). A directory that cannot be asked refuses the login without counting it:
     * an outage must not lock everybody out once it is over.
     */
    @Override
    public boolean checkPassword(String userId, String password) {
        if (userId != null && localUsers.contains(userId)) {
            return super.checkPassword(userId, password);
        }
        UserEntity user = userId == null ? null : findUserById(userId);
        if (user == null || password == null || isUserLocked(user)) {
            return false;
        }
        return switch (directory.authenticate(userId, password)) {
            case ACCEPTED -> {
                unlockUser(user);
                yield true;
            }
            case REJECTED -> {
                lockUser(user);
                yield false;
            }
            case UNAVAILABLE -> false;
        };
    }
}

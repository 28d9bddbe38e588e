package com.servicereview.org;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * Creates the demo people as Camunda users with the demo password; skips whoever exists. Their groups,
 * memberships and grants come from {@link OrgProvisioner}, as for an imported organisation.
 */
@Component
class DemoIdentityProvisioner {

    private final IdentityService identity;

    DemoIdentityProvisioner(IdentityService identity) {
        this.identity = identity;
    }

    /**
     * The web apps show a user as "firstName lastName". For Chinese order there (张伟, not "Wei Zhang"),
     * the first name holds the Chinese name and the last name its pinyin: "张伟 Zhang Wei".
     *
     * @return how many users were created
     */
    int createUsers(List<DemoPerson> people) {
        int created = 0;
        for (DemoPerson person : people) {
            User existing = identity.createUserQuery().userId(person.id()).singleResult();
            if (existing != null) {
                renameFromPinyinOrder(existing, person);
                continue;
            }
            User user = identity.newUser(person.id());
            user.setFirstName(person.nameZh());
            user.setLastName(pinyin(person));
            user.setEmail(person.email());
            user.setPassword(DemoOrganisation.PASSWORD);
            identity.saveUser(user);
            created++;
        }
        return created;
    }

    /** A demo user created with the earlier pinyin-only names ("Wei" "Zhang") and never edited since. */
    private void renameFromPinyinOrder(User user, DemoPerson person) {
        if (person.givenName().equals(user.getFirstName())
                && person.familyName().equals(user.getLastName())) {
            user.setFirstName(person.nameZh());
            user.setLastName(pinyin(person));
            identity.saveUser(user);
        }
    }

    private static String pinyin(DemoPerson person) {
        return person.familyName() + " " + person.givenName();
    }
}

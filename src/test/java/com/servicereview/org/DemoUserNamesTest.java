package com.servicereview.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The web apps show "firstName lastName": demo users read 张伟 Zhang Wei. A demo user left with the
 * earlier pinyin-only names is renamed at the next start; one whose name was edited is not.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DemoUserNamesTest {

    @Autowired
    DemoIdentityProvisioner provisioner;

    @Autowired
    IdentityService identity;

    @Test
    void demoUsersShowTheChineseNameFirst() {
        User zhangwei = identity.createUserQuery().userId("zhangwei").singleResult();
        assertThat(zhangwei.getFirstName() + " " + zhangwei.getLastName()).isEqualTo("张伟 Zhang Wei");
    }

    @Test
    void earlierPinyinNamesAreReplacedButEditedNamesKept() {
        DemoPerson untouched = person("namesold", "周杰", "Jie", "Zhou");
        DemoPerson edited = person("namesedited", "林峰", "Feng", "Lin");
        try {
            save(untouched.id(), "Jie", "Zhou");
            save(edited.id(), "阿峰", "Lin");

            assertThat(provisioner.createUsers(List.of(untouched, edited)))
                    .as("users created")
                    .isZero();

            User renamed = identity.createUserQuery().userId(untouched.id()).singleResult();
            assertThat(renamed.getFirstName() + " " + renamed.getLastName()).isEqualTo("周杰 Zhou Jie");
            assertThat(identity.checkPassword(untouched.id(), "old"))
                    .as("password kept")
                    .isTrue();
            User kept = identity.createUserQuery().userId(edited.id()).singleResult();
            assertThat(kept.getFirstName() + " " + kept.getLastName()).isEqualTo("阿峰 Lin");
        } finally {
            identity.deleteUser(untouched.id());
            identity.deleteUser(edited.id());
        }
    }

    private void save(String id, String firstName, String lastName) {
        User user = identity.newUser(id);
        user.setFirstName(firstName);
        user.setLastName(lastName);
        user.setPassword("old");
        identity.saveUser(user);
    }

    private static DemoPerson person(String id, String nameZh, String givenName, String familyName) {
        return new DemoPerson(
                id, nameZh, givenName, familyName, null, "客服专员", Role.EMPLOYEE, null, LocalDate.of(2020, 1, 1));
    }
}

package com.servicereview.notify;

import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Names and e-mail addresses: our organisation ({@code review.employee}) first, then the Camunda profile. */
@Component
@WhenMailConfigured
class People {

    record Person(String nameZh, String nameEn, String email) {}

    private final JdbcClient jdbc;
    /** Looked up when used: the engine is built with the plugin that needs this class. */
    private final ObjectProvider<IdentityService> identity;

    People(JdbcClient jdbc, ObjectProvider<IdentityService> identity) {
        this.jdbc = jdbc;
        this.identity = identity;
    }

    /** "张伟 Zhang Wei"; a user or group we do not know by its id. */
    String name(String id) {
        return jdbc.sql("select name_zh || ' ' || name_en from review.employee where id = ?")
                .param(id)
                .query(String.class)
                .optional()
                .orElse(id);
    }

    /** Someone to mail: null when they have no address. Outside the engine's commands: no authorization applies. */
    Optional<Person> withAddress(String userId) {
        Optional<Person> employee = jdbc.sql("select name_zh, name_en, email from review.employee where id = ?")
                .param(userId)
                .query((rs, n) -> new Person(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
        Optional<Person> person = employee.isPresent()
                ? employee
                : Optional.ofNullable(identity.getObject()
                                .createUserQuery()
                                .userId(userId)
                                .singleResult())
                        .map(People::person);
        return person.filter(p -> p.email() != null && !p.email().isBlank());
    }

    private static Person person(User user) {
        String name = ((user.getLastName() == null ? "" : user.getLastName()) + " "
                        + (user.getFirstName() == null ? "" : user.getFirstName()))
                .trim();
        String shown = name.isEmpty() ? user.getId() : name;
        return new Person(shown, shown, user.getEmail());
    }
}

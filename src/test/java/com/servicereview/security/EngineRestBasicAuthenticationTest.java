package com.servicereview.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * On the real engine: the one-transaction HTTP Basic checks — of {@code /engine-rest} and of {@code /api} — return the
 * caller's groups (and for the engine, tenants) as before, and a wrong password is still counted: the transaction that
 * refuses it commits.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineRestBasicAuthenticationTest {

    private static final String MEMBER = "basicauthmember";
    private static final String GUESSED = "basicauthguessed";
    private static final String GUESSED_VIA_API = "basicauthapi";
    private static final String GROUP = "basicauthgroup";
    private static final String OTHER_GROUP = "basicauthother";
    private static final String DIRECT_TENANT = "basicauthdirect";
    private static final String GROUP_TENANT = "basicauthviagroup";

    @Autowired
    ProcessEngine engine;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    private final EngineRestBasicAuthentication provider = new EngineRestBasicAuthentication();

    @BeforeAll
    void memberOfAGroupAndTwoTenants() {
        for (String id : new String[] {MEMBER, GUESSED, GUESSED_VIA_API}) {
            User user = identity.newUser(id);
            user.setPassword("secret-" + id);
            identity.saveUser(user);
        }
        Group group = identity.newGroup(GROUP);
        identity.saveGroup(group);
        identity.createMembership(MEMBER, GROUP);
        for (String id : new String[] {DIRECT_TENANT, GROUP_TENANT}) {
            Tenant tenant = identity.newTenant(id);
            identity.saveTenant(tenant);
        }
        identity.createTenantUserMembership(DIRECT_TENANT, MEMBER);
        identity.createTenantGroupMembership(GROUP_TENANT, GROUP);
        // Reached twice, directly and through the group: still one tenant.
        identity.createTenantGroupMembership(DIRECT_TENANT, GROUP);
        identity.saveGroup(identity.newGroup(OTHER_GROUP));
        identity.createMembership(MEMBER, OTHER_GROUP);
    }

    @AfterAll
    void removeThem() {
        identity.deleteTenant(DIRECT_TENANT);
        identity.deleteTenant(GROUP_TENANT);
        identity.deleteGroup(GROUP);
        identity.deleteGroup(OTHER_GROUP);
        identity.deleteUser(MEMBER);
        identity.deleteUser(GUESSED);
        identity.deleteUser(GUESSED_VIA_API);
    }

    @Test
    void aRightPasswordBringsTheGroupsAndTheTenantsIncludingThoseOfTheGroups() {
        AuthenticationResult result = provider.extractAuthenticatedUser(request(MEMBER, "secret-" + MEMBER), engine);

        assertThat(result.isAuthenticated()).isTrue();
        assertThat(result.getAuthenticatedUser()).isEqualTo(MEMBER);
        assertThat(result.getGroups()).containsExactlyInAnyOrder(GROUP, OTHER_GROUP);
        assertThat(result.getTenants()).containsExactlyInAnyOrder(DIRECT_TENANT, GROUP_TENANT);
        // The same as the engine's own queries answer.
        assertThat(result.getGroups())
                .containsExactlyInAnyOrderElementsOf(identity.createGroupQuery().groupMember(MEMBER).list().stream()
                        .map(Group::getId)
                        .toList());
        assertThat(result.getTenants())
                .containsExactlyInAnyOrderElementsOf(
                        identity.createTenantQuery().userMember(MEMBER).includingGroupsOfUser(true).list().stream()
                                .map(Tenant::getId)
                                .toList());
    }

    @Test
    void aWrongPasswordIsRefusedAndCountsTowardsTheLoginThrottling() {
        AuthenticationResult result = provider.extractAuthenticatedUser(request(GUESSED, "wrong"), engine);

        assertThat(result.isAuthenticated()).isFalse();
        assertThat(result.getGroups()).isNull();
        assertThat(failedAttempts(GUESSED)).isEqualTo(1);
    }

    @Test
    void theApiLetsARightPasswordInAndCountsAWrongOne() {
        TestHttp http = new TestHttp(port);

        // Past authentication: a user without a role is refused by the access rules, not by the login.
        assertThat(http.get("/api/schemes", "Authorization", TestHttp.basic(MEMBER, "secret-" + MEMBER))
                        .statusCode())
                .isNotEqualTo(401);
        assertThat(http.get("/api/schemes", "Authorization", TestHttp.basic(GUESSED_VIA_API, "wrong"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(failedAttempts(GUESSED_VIA_API)).isEqualTo(1);
    }

    private int failedAttempts(String userId) {
        return jdbc.sql("select attempts_ from act_id_user where id_ = :id")
                .param("id", userId)
                .query(Integer.class)
                .single();
    }

    private static MockHttpServletRequest request(String user, String password) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/engine-rest/task");
        request.addHeader("Authorization", TestHttp.basic(user, password));
        return request;
    }
}

package com.servicereview.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Mitigation of the first-run setup advisory: nobody creates an administrator through the web app. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AdminSetupEndpointTest {

    private static final String NEW_ADMIN = """
            {"profile": {"id": "intruder", "firstName": "I", "lastName": "N", "email": "i@example.com"},
             "credentials": {"password": "intruder"}}""";

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/camunda/api/admin/setup/default/user/create",
                "/camunda/api/admin//setup/default/user/create",
                "/camunda/api/admin/%73etup/default/user/create",
                "/camunda/api/admin/setup;x=1/default/user/create"
            })
    void anonymousAdminSetupIsRefused(String path) {
        long users = identity.createUserQuery().count();

        HttpResponse<String> response = new TestHttp(port).postJson(path, NEW_ADMIN);

        assertThat(response.statusCode()).isEqualTo(403);
        // Our filter answered, not Camunda's CSRF filter, which would also say 403.
        assertThat(response.body()).contains("\"error\":\"forbidden\"");
        assertThat(identity.createUserQuery().userId("intruder").count()).isZero();
        assertThat(identity.createUserQuery().count()).isEqualTo(users);
    }
}

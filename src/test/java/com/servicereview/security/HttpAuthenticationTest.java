package com.servicereview.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * /engine-rest and /api require HTTP Basic credentials of a Camunda user. Wrong passwords use
 * users no other test logs in with: Camunda delays a user's next login after a failed one.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HttpAuthenticationTest {

    @LocalServerPort
    int port;

    TestHttp http;

    @BeforeEach
    void client() {
        http = new TestHttp(port);
    }

    @Test
    void engineRestRejectsAnonymousCallers() {
        HttpResponse<String> response = http.get("/engine-rest/task");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Basic"));
    }

    @Test
    void engineRestAcceptsAValidUser() {
        HttpResponse<String> response =
                http.get("/engine-rest/user/zhangwei/profile", "Authorization", TestHttp.basic("zhangwei", "demo"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"id\":\"zhangwei\"");
    }

    @Test
    void engineRestRejectsAWrongPassword() {
        assertThat(http.get("/engine-rest/user/wuhao/profile", "Authorization", TestHttp.basic("wuhao", "wrong"))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void engineRestAuthenticatesRequestsNamingTheEngine() {
        assertThat(http.get("/engine-rest/engine/default/task").statusCode()).isEqualTo(401);
    }

    @Test
    void apiRejectsAnonymousCallersBeforeDispatch() {
        HttpResponse<String> response = http.get("/api/schemes");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"service-review\"");
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"error\":\"unauthorized\"");
    }

    @Test
    void apiRejectsAWrongPasswordAndAnUnknownUser() {
        assertThat(http.get("/api/schemes", "Authorization", TestHttp.basic("xulin", "wrong"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(http.get("/api/schemes", "Authorization", TestHttp.basic("nobody", "demo"))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void apiLetsAValidUserThrough() {
        // Whatever the controller answers, the filter did not refuse the user.
        assertThat(http.get("/api/schemes", "Authorization", TestHttp.basic("zhangwei", "demo"))
                        .statusCode())
                .isNotEqualTo(401);
    }
}

package com.servicereview.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One login: a browser logged in to the Camunda web apps (through their real login endpoint) uses /api,
 * /reports and /console with its session cookie alone; modifying requests need the web apps' CSRF token;
 * HTTP Basic keeps working without one and without a session. Cycles of July 2012 (no other test uses it).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class WebappSessionApiTest {

    static final String AS1 = "as1:2012-07:cs-staff-monthly";
    static final String AS2 = "as2:2012-07:cs-staff-monthly";
    static final String LOGIN = "/camunda/api/admin/auth/user/default/login/";
    static final String LOGOUT = "/camunda/api/admin/auth/user/default/logout";
    /** A what-if request without side effects: the body is no valid scheme, the answer a 200 listing the problems. */
    static final String VALIDATE = "/api/schemes/validate";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdentityService identity;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void cycles() {
        for (String cycle : List.of(AS1, AS2)) {
            jdbc.sql("""
                            insert into review.cycle (id, unit_id, period, scheme_id, status, started_by)
                            values (?, ?, '2012-07', 'cs-staff-monthly', 'CALIBRATION', 'zhaomin') on conflict do nothing""").params(cycle, cycle.substring(0, cycle.indexOf(':'))).update();
        }
    }

    /** A browser logged in to an app; like Tasklist, it then loads the app's API, which issues the session's CSRF token. */
    private TestHttp loggedIn(String user, String app) {
        TestHttp browser = new TestHttp(port);
        browser.get("/camunda/app/" + app + "/");
        HttpResponse<String> login = browser.postForm(
                LOGIN + app, "username=" + user + "&password=demo", "X-XSRF-TOKEN", csrfCookie(browser));
        assertThat(login.statusCode()).as("login").isEqualTo(200);
        assertThat(browser.get("/camunda/api/admin/auth/user/default").statusCode())
                .isEqualTo(200);
        return browser;
    }

    private static String csrfCookie(TestHttp browser) {
        return browser.cookies().getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .reduce((first, last) -> last)
                .orElseThrow();
    }

    private JsonNode body(HttpResponse<String> response) throws IOException {
        return json.readTree(response.body());
    }

    @Test
    void aTasklistLoginOpensTheApiAndTheReportsWithoutAPassword() throws IOException {
        TestHttp browser = loggedIn("zhaomin", "tasklist");

        HttpResponse<String> me = browser.get("/api/me/notifications");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(body(me).path("userId").asText()).isEqualTo("zhaomin");
        assertThat(me.headers().firstValue("X-XSRF-TOKEN"))
                .as("the session's token, for pages outside /camunda")
                .hasValue(csrfCookie(browser));

        HttpResponse<String> page = browser.get("/reports/cycles/" + AS1, "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(browser.get("/api/cycles/" + AS1 + "/report").statusCode()).isEqualTo(200);
    }

    @Test
    void aSessionObeysTheSameRulesAsBasic() throws IOException {
        TestHttp lina = loggedIn("lina", "tasklist");
        String token = csrfCookie(lina);

        assertThat(lina.get("/api/cycles/" + AS1).statusCode()).isEqualTo(200);
        assertThat(lina.get("/api/cycles/" + AS2).statusCode())
                .as("another team's cycle")
                .isEqualTo(403);
        HttpResponse<String> pay = lina.get("/api/pay/inputs/2012-07");
        assertThat(pay.statusCode()).isEqualTo(403);
        assertThat(body(pay).path("error").asText()).isEqualTo("forbidden");
        assertThat(body(pay).path("message").asText()).isEqualTo("only HR may enter, compute, read or export pay");
        assertThat(body(pay).has("field")).isTrue();
        // The engine runs the request as lina: Camunda's authorizations let only HR start reviews.
        HttpResponse<String> start = lina.postJson(
                "/api/reviews",
                "{\"employeeId\": \"zhangwei\", \"period\": \"2012-07\", \"schemeId\": \"cs-staff-monthly\"}",
                "X-XSRF-TOKEN",
                token);
        assertThat(start.statusCode()).isEqualTo(403);
    }

    @Test
    void modifyingRequestsNeedTheWebappsCsrfToken() throws IOException {
        TestHttp browser = loggedIn("zhangwei", "tasklist");

        HttpResponse<String> without = browser.postJson(VALIDATE, "{}");
        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(body(without).path("error").asText()).isEqualTo("invalid-csrf-token");
        assertThat(browser.postJson(VALIDATE, "{}", "X-XSRF-TOKEN", "0123456789ABCDEF0123456789ABCDEF")
                        .statusCode())
                .as("another token")
                .isEqualTo(403);

        HttpResponse<String> with = browser.postJson(VALIDATE, "{}", "X-XSRF-TOKEN", csrfCookie(browser));
        assertThat(with.statusCode()).isEqualTo(200);
        assertThat(body(with).path("valid").asBoolean()).isFalse();
        assertThat(browser.get("/api/me/notifications").statusCode())
                .as("still logged in")
                .isEqualTo(200);
    }

    @Test
    void basicNeedsNoCsrfTokenAndCreatesNoSession() {
        TestHttp client = new TestHttp(port);

        HttpResponse<String> post =
                client.postJson(VALIDATE, "{}", "Authorization", TestHttp.basic("zhangwei", "demo"));
        HttpResponse<String> get =
                client.get("/api/me/notifications", "Authorization", TestHttp.basic("zhangwei", "demo"));

        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(post.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(get.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(client.cookies().getCookieStore().getCookies()).isEmpty();
    }

    @Test
    void anAuthorizationHeaderIsJudgedAloneEvenBesideASession() {
        String user = "sessiontest" + UUID.randomUUID().toString().substring(0, 8);
        User created = identity.newUser(user);
        created.setPassword("demo");
        identity.saveUser(created);
        try {
            TestHttp browser = loggedIn(user, "welcome");
            assertThat(browser.get("/api/me/notifications").statusCode()).isEqualTo(200);

            HttpResponse<String> wrong =
                    browser.get("/api/me/notifications", "Authorization", TestHttp.basic(user, "wrong"));
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("\"error\":\"unauthorized\"");
            assertThat(browser.postJson(VALIDATE, "{}", "Authorization", "Bearer " + csrfCookie(browser))
                            .statusCode())
                    .as("not Basic, so nobody")
                    .isEqualTo(401);
        } finally {
            identity.deleteUser(user);
        }
    }

    @Test
    void withoutCredentialsOrSessionTheAnswerIs401() {
        TestHttp anonymous = new TestHttp(port);
        for (String path : List.of("/api/me/notifications", "/reports/cycles/" + AS1, "/api/cycles/" + AS1)) {
            HttpResponse<String> response = anonymous.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"service-review\"");
        }
        assertThat(anonymous.postJson(VALIDATE, "{}").statusCode()).isEqualTo(401);
    }

    @Test
    void loggingOutOfTheWebappsEndsAccess() {
        TestHttp browser = loggedIn("wangjianguo", "tasklist");
        assertThat(browser.get("/api/cycles/" + AS2).statusCode()).isEqualTo(200);

        assertThat(browser.postForm(LOGOUT, "", "X-XSRF-TOKEN", csrfCookie(browser))
                        .statusCode())
                .isEqualTo(200);

        assertThat(browser.get("/api/cycles/" + AS2).statusCode()).isEqualTo(401);
        assertThat(browser.get("/reports/cycles/" + AS2).statusCode()).isEqualTo(401);
    }

    @Test
    void theConsoleSendsABrowserWithoutASessionToTheLogin() throws IOException {
        TestHttp anonymous = new TestHttp(port);
        HttpResponse<String> page = anonymous.get("/console/", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/camunda/app/welcome/default/"));

        HttpResponse<String> api = anonymous.get("/console/data", "Accept", "application/json");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(body(api).path("error").asText()).isEqualTo("unauthorized");

        TestHttp browser = loggedIn("zhangwei", "tasklist");
        assertThat(browser.get("/console/", "Accept", "text/html").statusCode())
                .as("passed; no console yet")
                .isNotIn(302, 401, 403);
    }

    @Test
    void camundasOwnPathsAreNotJudgedBySpringSecurity() {
        TestHttp client = new TestHttp(port);
        // Spring's request firewall refuses a ";" in the path (400); it guards only our paths.
        assertThat(client.get("/api/schemes;x=1", "Authorization", TestHttp.basic("zhangwei", "demo"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(client.get(
                                "/engine-rest/user/zhangwei/profile;x=1",
                                "Authorization",
                                TestHttp.basic("zhangwei", "demo"))
                        .statusCode())
                .isEqualTo(200);
    }
}

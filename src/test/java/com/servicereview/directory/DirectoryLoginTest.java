package com.servicereview.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.servicereview.ServiceReviewApplication;
import com.servicereview.security.TestHttp;
import java.net.HttpCookie;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.AdminRuntimeDelegate;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.CockpitRuntimeDelegate;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.TasklistRuntimeDelegate;
import org.camunda.bpm.welcome.Welcome;
import org.camunda.bpm.welcome.WelcomeRuntimeDelegate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Directory login end to end: the whole application, configured for a real in-process LDAP server, logs people in
 * to Tasklist and Cockpit (the web apps' login endpoint) and to {@code /engine-rest} and {@code /api} (HTTP Basic)
 * with their directory password. The suite's shared context has no directory, so this class starts one more
 * application of its own (own embedded database, engine "ldap", no job executor) and closes it at the end.
 * Each refusal uses its own user: Camunda's throttling delays a user's next login after a refused one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class DirectoryLoginTest {

    /** Not "default": the suite's shared context registers that engine name in the same JVM. */
    private static final String ENGINE = "ldap";

    private static TestDirectory directory;
    private static ConfigurableApplicationContext app;
    private static WebAppDelegates sharedContextDelegates;
    private static int port;
    private static TestHttp http;

    @BeforeAll
    static void startDirectoryAndApplication() throws Exception {
        directory = TestDirectory.ldap();
        sharedContextDelegates = WebAppDelegates.current();
        app = new SpringApplicationBuilder(ServiceReviewApplication.class)
                .run(
                        "--server.port=0",
                        "--camunda.bpm.process-engine-name=" + ENGINE,
                        "--camunda.bpm.job-execution.enabled=false",
                        "--service-review.identity.ldap.url=" + directory.url(),
                        "--service-review.identity.ldap.bind-dn=" + TestDirectory.SERVICE_DN,
                        "--service-review.identity.ldap.bind-password=" + TestDirectory.SERVICE_PASSWORD,
                        "--service-review.identity.ldap.user-search-base=" + TestDirectory.PEOPLE,
                        "--service-review.identity.ldap.user-id-attribute=uid",
                        "--service-review.identity.ldap.local-users=admin");
        port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        http = new TestHttp(port);
    }

    @AfterAll
    static void stopApplicationAndDirectory() {
        try {
            if (app != null) app.close();
            if (directory != null) directory.close();
        } finally {
            sharedContextDelegates.restore();
        }
    }

    /**
     * The web apps keep their runtime delegates in static fields, and every application that starts replaces them
     * with its own; once this one is closed, the suite's shared context would answer its web apps with 500.
     */
    private record WebAppDelegates(
            CockpitRuntimeDelegate cockpit,
            AdminRuntimeDelegate admin,
            TasklistRuntimeDelegate tasklist,
            WelcomeRuntimeDelegate welcome) {

        static WebAppDelegates current() {
            return new WebAppDelegates(
                    Cockpit.getRuntimeDelegate(),
                    Admin.getRuntimeDelegate(),
                    Tasklist.getRuntimeDelegate(),
                    Welcome.getRuntimeDelegate());
        }

        void restore() {
            Cockpit.setCockpitRuntimeDelegate(cockpit);
            Admin.setAdminRuntimeDelegate(admin);
            Tasklist.setTasklistRuntimeDelegate(tasklist);
            Welcome.setRuntimeDelegate(welcome);
        }
    }

    @Test
    @Order(1)
    void tasklistAcceptsTheDirectoryPasswordAndNotTheStoredOne() {
        HttpResponse<String> login = webLogin("zhangwei", TestDirectory.passwordOf("zhangwei"), "tasklist");

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("\"userId\":\"zhangwei\"").contains("tasklist");
        assertThat(webLogin("chengang", "demo", "tasklist").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void cockpitToo() {
        HttpResponse<String> login = webLogin("zhaomin", TestDirectory.passwordOf("zhaomin"), "cockpit");

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("\"userId\":\"zhaomin\"").contains("cockpit");
    }

    @Test
    @Order(3)
    void engineRestBasic() {
        HttpResponse<String> profile = http.get(
                engineRest("/user/lina/profile"),
                "Authorization",
                TestHttp.basic("lina", TestDirectory.passwordOf("lina")));

        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(profile.body()).contains("\"id\":\"lina\"");
        assertThat(http.get(
                                engineRest("/user/wangjianguo/profile"),
                                "Authorization",
                                TestHttp.basic("wangjianguo", "demo"))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    @Order(4)
    void apiBasic() {
        assertThat(http.get(
                                "/api/schemes",
                                "Authorization",
                                TestHttp.basic("zhaomin", TestDirectory.passwordOf("zhaomin")))
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> wrong = http.get("/api/schemes", "Authorization", TestHttp.basic("xulin", "wrong"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("\"error\":\"unauthorized\"");
    }

    /** A DN with an empty password is an anonymous bind, which directories accept: it is never sent. */
    @Test
    @Order(5)
    void anEmptyPasswordIsRefusedWithoutAskingTheDirectory() {
        long binds = directory.bindsOf(TestDirectory.dnOf("liuyang"));

        assertThat(http.get("/api/schemes", "Authorization", TestHttp.basic("liuyang", ""))
                        .statusCode())
                .isEqualTo(401);
        assertThat(webLogin("liuyang", "", "tasklist").statusCode()).isEqualTo(401);
        assertThat(http.get(engineRest("/task"), "Authorization", TestHttp.basic("liuyang", ""))
                        .statusCode())
                .isEqualTo(401);

        assertThat(directory.bindsOf(TestDirectory.dnOf("liuyang"))).isEqualTo(binds);
    }

    /** Both are needed: a Camunda user (provisioned from the organisation) and a directory entry. */
    @Test
    @Order(6)
    void someoneMissingInTheDirectoryOrInCamundaIsRefused() {
        assertThat(webLogin("wangfang", "demo", "tasklist").statusCode()).isEqualTo(401);
        assertThat(http.get(
                                "/api/schemes",
                                "Authorization",
                                TestHttp.basic("stranger", TestDirectory.STRANGER_PASSWORD))
                        .statusCode())
                .isEqualTo(401);
        assertThat(webLogin("stranger", TestDirectory.STRANGER_PASSWORD, "tasklist")
                        .statusCode())
                .isEqualTo(401);
        assertThat(directory.bindsOf("uid=stranger," + TestDirectory.PEOPLE)).isZero();
    }

    /** A leaver whose Camunda user is removed cannot log in, though the directory would still accept the password. */
    @Test
    @Order(7)
    void aRemovedUserIsRefused() {
        IdentityService identity = app.getBean(IdentityService.class);
        User leaver = identity.newUser("leaver");
        leaver.setFirstName("Leaver");
        identity.saveUser(leaver);
        assertThat(http.get("/api/schemes", "Authorization", TestHttp.basic("leaver", TestDirectory.LEAVER_PASSWORD))
                        .statusCode())
                .isEqualTo(200);

        identity.deleteUser("leaver");

        assertThat(http.get("/api/schemes", "Authorization", TestHttp.basic("leaver", TestDirectory.LEAVER_PASSWORD))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    @Order(8)
    void userIdsWithFilterSyntaxAreRefused() {
        for (String injected : new String[] {"*", "zhang*", "zhangwei)(uid=*", "*)(|(uid=*"}) {
            assertThat(http.get(
                                    "/api/schemes",
                                    "Authorization",
                                    TestHttp.basic(injected, TestDirectory.ZHANGWEI_PASSWORD))
                            .statusCode())
                    .as(injected)
                    .isEqualTo(401);
            assertThat(http.get(
                                    engineRest("/task"),
                                    "Authorization",
                                    TestHttp.basic(injected, TestDirectory.ZHANGWEI_PASSWORD))
                            .statusCode())
                    .as(injected)
                    .isEqualTo(401);
            assertThat(webLogin(injected, TestDirectory.ZHANGWEI_PASSWORD, "tasklist")
                            .statusCode())
                    .as(injected)
                    .isEqualTo(401);
        }
    }

    /** service-review.identity.ldap.local-users=admin: the break-glass administrator's password is Camunda's own. */
    @Test
    @Order(9)
    void aLocalUserKeepsTheCamundaPasswordAndTheDirectoryIsNotAsked() {
        HttpResponse<String> login = webLogin("admin", "demo", "admin");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("\"userId\":\"admin\"");

        assertThat(http.get("/api/schemes", "Authorization", TestHttp.basic("admin", TestDirectory.passwordOf("admin")))
                        .statusCode())
                .isEqualTo(401);
        assertThat(directory.bindsOf(TestDirectory.dnOf("admin"))).isZero();
    }

    /** A refused directory password counts like a wrong Camunda password: the user is locked for a while. */
    @Test
    @Order(10)
    void camundasLoginThrottlingStillApplies() {
        assertThat(http.get("/api/schemes", "Authorization", TestHttp.basic("chenjing", "wrong"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(failedAttempts("chenjing")).isEqualTo(1);
        assertThat(http.get(
                                "/api/schemes",
                                "Authorization",
                                TestHttp.basic("chenjing", TestDirectory.passwordOf("chenjing")))
                        .statusCode())
                .isEqualTo(401);

        app.getBean(IdentityService.class).unlockUser("chenjing");

        assertThat(http.get(
                                "/api/schemes",
                                "Authorization",
                                TestHttp.basic("chenjing", TestDirectory.passwordOf("chenjing")))
                        .statusCode())
                .isEqualTo(200);
        assertThat(failedAttempts("chenjing")).isZero();
    }

    /** Last: the directory stays down. Logins are refused with a 401 and a log line, and nobody gets locked for it. */
    @Test
    @Order(11)
    void aDirectoryThatIsDownRefusesLoginsWithoutLockingAnyone(CapturedOutput output) {
        String url = directory.url();
        directory.stop();

        List<HttpResponse<String>> refusals = List.of(
                http.get("/api/schemes", "Authorization", TestHttp.basic("sunjie", TestDirectory.passwordOf("sunjie"))),
                http.get(
                        engineRest("/task"), "Authorization", TestHttp.basic("mali", TestDirectory.passwordOf("mali"))),
                webLogin("zhouting", TestDirectory.passwordOf("zhouting"), "tasklist"));

        for (HttpResponse<String> refused : refusals) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).doesNotContain("Exception").doesNotContain("ldap:");
        }
        assertThat(output.getOut())
                .contains("Directory login for sunjie not possible: directory " + url + " unavailable");
        for (String userId : List.of("sunjie", "mali", "zhouting")) {
            assertThat(failedAttempts(userId)).as(userId).isZero();
        }
    }

    private static HttpResponse<String> webLogin(String userId, String password, String app) {
        TestHttp browser = new TestHttp(port);
        browser.get("/camunda/app/tasklist/");
        String csrfToken = browser.cookies().getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow();
        return browser.postForm(
                "/camunda/api/admin/auth/user/" + ENGINE + "/login/" + app,
                "username=" + URLEncoder.encode(userId, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8),
                "X-XSRF-TOKEN",
                csrfToken);
    }

    private static String engineRest(String path) {
        return "/engine-rest/engine/" + ENGINE + path;
    }

    private static int failedAttempts(String userId) {
        Integer attempts = app.getBean(JdbcTemplate.class)
                .queryForObject("select attempts_ from act_id_user where id_ = ?", Integer.class, userId);
        return attempts == null ? 0 : attempts;
    }
}

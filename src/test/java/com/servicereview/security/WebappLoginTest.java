package com.servicereview.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpCookie;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The Tasklist login works for a demo employee, through Camunda's CSRF protection. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class WebappLoginTest {

    @LocalServerPort
    int port;

    @Test
    void demoEmployeeLogsInToTasklist() {
        TestHttp browser = new TestHttp(port);
        browser.get("/camunda/app/tasklist/");
        String csrfToken = browser.cookies().getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow();

        var login = browser.postForm(
                "/camunda/api/admin/auth/user/default/login/tasklist",
                "username=zhangwei&password=demo",
                "X-XSRF-TOKEN",
                csrfToken);

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("\"userId\":\"zhangwei\"").contains("tasklist");
    }
}

package com.servicereview.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who may read whose groups and profile, through real HTTP on /engine-rest and the web apps' engine
 * API: everyone their own groups and profile, the profiles of their supervisors, of the people they
 * lead and of the people they rate as group reviewers; HR and administrators everything.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class IdentityVisibilityTest {

    static final List<String> TEAM_AS2 = List.of("chengang", "mali", "sunjie", "wuhao", "xulin", "zhaolei", "zhouting");
    /** zhangwei's supervisors up to the general manager, and team as2, which he rates as a group reviewer. */
    static final List<String> KNOWN_TO_ZHANGWEI = Stream.concat(
                    Stream.of("lina", "wangjianguo", "liuzhiqiang"), TEAM_AS2.stream())
            .toList();

    @LocalServerPort
    int port;

    @Autowired
    AuthorizationService authorizations;

    @Autowired
    IdentityService identity;

    private final ObjectMapper json = new ObjectMapper();
    private TestHttp http;

    @BeforeEach
    void client() {
        http = new TestHttp(port);
    }

    private HttpResponse<String> get(String user, String path) {
        return http.get("/engine-rest" + path, "Authorization", TestHttp.basic(user, "demo"));
    }

    private JsonNode read(String user, String path) throws IOException {
        HttpResponse<String> response = get(user, path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return json.readTree(response.body());
    }

    private List<String> ids(JsonNode array) {
        return array.findValuesAsText("id");
    }

    @Test
    void anEmployeeCannotListAColleaguesGroupsOrTheirMembers() throws IOException {
        JsonNode info = read("zhangwei", "/identity/groups?userId=wangfang");
        assertThat(info.path("groups")).isEmpty();
        assertThat(info.path("groupUsers")).isEmpty();
        assertThat(read("zhangwei", "/group?member=wangfang")).isEmpty();
        assertThat(read("zhangwei", "/group/count?member=wangfang")
                        .path("count")
                        .asInt())
                .isZero();
        assertThat(read("zhangwei", "/group?member=lina")).isEmpty();
    }

    @Test
    void anEmployeeSeesTheirOwnGroupsWithThePeopleTheyMustKnow() throws IOException {
        JsonNode info = read("zhangwei", "/identity/groups?userId=zhangwei");
        assertThat(ids(info.path("groups"))).containsExactlyInAnyOrder("employees", "team-as1");
        assertThat(ids(info.path("groupUsers"))).containsExactlyInAnyOrderElementsOf(KNOWN_TO_ZHANGWEI);
        assertThat(ids(read("zhangwei", "/group"))).containsExactlyInAnyOrder("employees", "team-as1");
        assertThat(get("zhangwei", "/group/hr").statusCode()).isEqualTo(404);
    }

    @Test
    void anEmployeeReadsOnlyTheProfilesOfThePeopleTheyMustKnow() throws IOException {
        assertThat(ids(read("zhangwei", "/user")))
                .containsExactlyInAnyOrderElementsOf(Stream.concat(Stream.of("zhangwei"), KNOWN_TO_ZHANGWEI.stream())
                        .toList());
        assertThat(get("zhangwei", "/user/zhangwei/profile").statusCode()).isEqualTo(200);
        assertThat(get("zhangwei", "/user/lina/profile").statusCode()).isEqualTo(200);
        assertThat(get("zhangwei", "/user/wangjianguo/profile").statusCode()).isEqualTo(200);
        for (String stranger : List.of("wangfang", "liuyang", "zhaomin", "admin")) {
            assertThat(get("zhangwei", "/user/" + stranger + "/profile").statusCode())
                    .as(stranger)
                    .isEqualTo(404);
        }
        // A colleague who rates no one: only the supervisor chain, no peer.
        assertThat(ids(read("wangfang", "/user")))
                .containsExactlyInAnyOrder("wangfang", "lina", "wangjianguo", "liuzhiqiang");
        assertThat(ids(read("zhaolei", "/user")))
                .contains("chengang", "wangjianguo", "lina", "zhangwei")
                .doesNotContain("mali", "zhouting", "zhaomin");
    }

    @Test
    void membersOfGroupsTheCallerIsNotInAreNotListed() throws IOException {
        assertThat(read("zhangwei", "/user?memberOfGroup=team-as2")).isEmpty();
        assertThat(read("zhangwei", "/user?memberOfGroup=hr")).isEmpty();
        assertThat(read("zhangwei", "/user/count?memberOfGroup=supervisors")
                        .path("count")
                        .asInt())
                .isZero();
        assertThat(ids(read("zhangwei", "/user?memberOfGroup=team-as1"))).containsExactlyInAnyOrder("zhangwei", "lina");
    }

    @Test
    void aSupervisorReadsTheirTeamAndTheTeamTheyRateButNotHr() throws IOException {
        assertThat(ids(read("lina", "/user")))
                .contains("lina", "wangjianguo", "zhangwei", "wangfang", "huangqiang", "zhaolei", "mali")
                .doesNotContain("zhaomin", "admin");
        assertThat(read("lina", "/identity/groups?userId=wangfang").path("groups"))
                .isEmpty();
    }

    @Test
    void theDepartmentHeadReadsTheWholeDepartment() throws IOException {
        // 15 of the department, and the general manager he reports to.
        assertThat(ids(read("wangjianguo", "/user")))
                .hasSize(16)
                .contains("liuzhiqiang")
                .doesNotContain("zhaomin", "admin");
    }

    @Test
    void hrAndAdministratorsReadEveryonesGroups() throws IOException {
        for (String user : List.of("zhaomin", "admin")) {
            JsonNode info = read(user, "/identity/groups?userId=wangfang");
            assertThat(ids(info.path("groups"))).as(user).containsExactlyInAnyOrder("employees", "team-as1");
            assertThat(ids(info.path("groupUsers"))).as(user).contains("zhangwei", "lina", "zhaolei");
            // Everyone: the demo's 18 and whoever other tests imported into the shared database.
            assertThat(ids(read(user, "/user")))
                    .as(user)
                    .hasSize((int) identity.createUserQuery().count())
                    .contains("zhangwei", "admin");
            assertThat(ids(read(user, "/user?memberOfGroup=team-as2")))
                    .as(user)
                    .containsExactlyInAnyOrderElementsOf(TEAM_AS2);
        }
    }

    @Test
    void onlyAdministratorsChangeMemberships() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/engine-rest/group/team-as1/members/zhaolei"))
                .header("Authorization", TestHttp.basic("lina", "demo"))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build();
        assertThat(HttpClient.newHttpClient()
                        .send(request, HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void noOneButHrAndAdministratorsHoldsAWideGrantOnUsersGroupsOrMemberships() {
        for (Resources resource : List.of(Resources.USER, Resources.GROUP, Resources.GROUP_MEMBERSHIP)) {
            assertThat(authorizations
                            .createAuthorizationQuery()
                            .resourceType(resource)
                            .resourceId(Authorization.ANY)
                            .list())
                    .as(resource.resourceName())
                    .allSatisfy(grant -> assertThat(grant.getGroupId()).isIn(Groups.CAMUNDA_ADMIN, "hr"));
            assertThat(authorizations
                            .createAuthorizationQuery()
                            .resourceType(resource)
                            .authorizationType(Authorization.AUTH_TYPE_GLOBAL)
                            .count())
                    .as(resource.resourceName())
                    .isZero();
        }
    }

    @Test
    void tasklistStillReadsTheUsersOwnGroupsAndProfile() throws IOException {
        TestHttp browser = new TestHttp(port);
        browser.get("/camunda/app/tasklist/");
        String csrfToken = browser.cookies().getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow();
        assertThat(browser.postForm(
                                "/camunda/api/admin/auth/user/default/login/tasklist",
                                "username=zhangwei&password=demo",
                                "X-XSRF-TOKEN",
                                csrfToken)
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> own = browser.get("/camunda/api/engine/engine/default/identity/groups?userId=zhangwei");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(ids(json.readTree(own.body()).path("groups"))).containsExactlyInAnyOrder("employees", "team-as1");
        HttpResponse<String> profile = browser.get("/camunda/api/engine/engine/default/user/zhangwei/profile");
        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(json.readTree(profile.body()).path("firstName").asText()).isEqualTo("张伟");

        HttpResponse<String> colleague =
                browser.get("/camunda/api/engine/engine/default/identity/groups?userId=wangfang");
        assertThat(colleague.statusCode()).isEqualTo(200);
        assertThat(json.readTree(colleague.body()).path("groups")).isEmpty();
    }
}

package com.servicereview.org;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** GET /api/org/…: the demo organisation as each role may see it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrgApiTest {

    @Autowired
    TestRestTemplate rest;

    private final ObjectMapper json = new ObjectMapper();

    private ResponseEntity<String> get(String user, String path) {
        return rest.withBasicAuth(user, "demo").getForEntity(path, String.class);
    }

    private JsonNode read(String user, String path) throws Exception {
        ResponseEntity<String> answer = get(user, path);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        return json.readTree(answer.getBody());
    }

    @Test
    void hrSeesEveryUnitAndPerson() throws Exception {
        assertThat(read("zhaomin", "/api/org/units"))
                .extracting(u -> u.path("id").asText())
                .contains("cs", "as1", "as2");
        JsonNode department = read("zhaomin", "/api/org/employees?unit=cs");
        assertThat(department)
                .extracting(e -> e.path("id").asText())
                .contains("wangjianguo", "lina", "zhangwei", "mali");
        JsonNode zhangwei = read("zhaomin", "/api/org/employees/zhangwei");
        assertThat(zhangwei.path("nameZh").asText()).isEqualTo("张伟");
        assertThat(zhangwei.path("unitId").asText()).isEqualTo("as1");
        assertThat(zhangwei.path("supervisorId").asText()).isEqualTo("lina");
        assertThat(zhangwei.path("role").asText()).isEqualTo("EMPLOYEE");
        assertThat(zhangwei.path("active").asBoolean()).isTrue();
        assertThat(get("zhaomin", "/api/org/employees/nobody").getStatusCode().value())
                .isEqualTo(404);
    }

    @Test
    void aSupervisorSeesTheirOwnTeamOnly() throws Exception {
        assertThat(read("lina", "/api/org/units"))
                .extracting(u -> u.path("id").asText())
                .containsExactly("as1");
        assertThat(read("lina", "/api/org/employees?unit=as1"))
                .extracting(e -> e.path("id").asText())
                .contains("zhangwei", "huangqiang")
                .doesNotContain("zhaolei");
        assertThat(get("lina", "/api/org/employees?unit=as2").getStatusCode().value())
                .isEqualTo(403);
        assertThat(get("lina", "/api/org/employees/zhaolei").getStatusCode().value())
                .isEqualTo(403);
        assertThat(get("lina", "/api/org/employees").getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void anEmployeeSeesThemselfOnly() throws Exception {
        assertThat(read("zhangwei", "/api/org/employees/zhangwei").path("id").asText())
                .isEqualTo("zhangwei");
        assertThat(get("zhangwei", "/api/org/employees/wangfang")
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        assertThat(read("zhangwei", "/api/org/units")).isEmpty();
        assertThat(rest.getForEntity("/api/org/units", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
    }
}

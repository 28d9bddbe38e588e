package com.servicereview.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.servicereview.scoring.BuiltInSchemes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/**
 * The console's scheme pages, opened with the web apps' session: the library (built-in schemes, their brackets in words
 * and seed text), the simulator's fields (named as /evaluate names them, their starting values accepted by it for
 * every built-in scheme), the editor (publish only for HR and administrators, as the API allows) and the diff of a
 * scheme published here under an id of its own (t-…), so that the built-in schemes other tests score with never change.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SchemesPageTest {

    private static final Pattern INPUT =
            Pattern.compile("<input type=\"number\"[^>]*?name=\"([^\"]+)\"[^>]*?value=\"([^\"]*)\"");

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate rest;

    private final ObjectMapper json = new ObjectMapper();

    private WebappBrowser as(String user) {
        return WebappBrowser.loggedIn(port, user);
    }

    @Test
    void theLibraryListsEverySchemeAndShowsItsBracketsInWordsWithTheSeedText() {
        String library = as("huangqiang").page("/console/schemes", 200);
        for (String id : BuiltInSchemes.IDS) assertThat(library).contains("data-scheme=\"" + id + "\"");
        assertThat(library).contains("考核方案", "客户服务人员月度绩效考核", "只有人力资源或管理员可以发布新版本");
        assertThat(as("huangqiang").page("/console/", 200)).contains("href=\"/console/schemes\"");

        String staff = as("huangqiang").page("/console/schemes/cs-staff-monthly", 200);
        assertThat(staff)
                .contains(
                        "客户投诉解决率(投诉率)",
                        "分段扣分",
                        "<code>(0, 0.4]</code>",
                        "高于 0 至 0.4",
                        "0~0.4%",
                        "−2",
                        "self 15% · supervisor 60% · group 25%",
                        "顾客表扬信",
                        "000 · 15.5",
                        "data-version=\"1\"");
        // The seed's own words for a row follow its interval, which says what it means ("95%以下" is [95, 100)).
        assertThat(row(staff, "data-indicator", "revisit-completion"))
                .contains("[95, 100)", "95 至 100（不含 100）", "95%以下");
        String english = as("huangqiang").page("/console/schemes/cs-staff-monthly?lang=en", 200);
        assertThat(english).contains("Complaint rate", "Bracket deduction", "over 0 to 0.4", "Grades and quota");

        assertThat(as("huangqiang").page("/console/schemes/no-such-scheme", 404))
                .contains("没有考核方案");
        assertThat(as("huangqiang").page("/console/schemes/cs-staff-monthly?version=99", 404))
                .contains("cs-staff-monthly v99");
    }

    @Test
    void theSimulatorOffersEveryPublishedInputAndItsStartingValuesScore() throws IOException {
        String page = as("huangqiang").page("/console/schemes/cs-staff-monthly/simulator", 200);
        assertThat(page)
                .contains(
                        "data-field=\"values.complaint-rate\"",
                        "data-field=\"values.failed-spot-checks\"",
                        "data-field=\"ratings.self.answer-quality\"",
                        "data-field=\"ratings.group.answer-quality\"",
                        "data-event=\"audit-notice\"",
                        "/js/console-schemes.js",
                        "/dist/echarts.min.js");
        // Every built-in scheme's simulator starts from values /evaluate accepts, at full points where the scheme says
        // which (the best bracket, the target): cs-staff-monthly's measured lines all earn their weight.
        for (String id : BuiltInSchemes.IDS) {
            JsonNode result = evaluate(id, as("huangqiang").page("/console/schemes/" + id + "/simulator", 200));
            assertThat(result.path("total").isNumber()).as(id).isTrue();
            if (id.equals("cs-staff-monthly")) {
                assertThat(result.path("total").asDouble()).isEqualTo(100);
                assertThat(result.path("grade").asText()).isEqualTo("OUTSTANDING");
            }
        }
        assertThat(as("huangqiang").page("/console/schemes/cs-staff-monthly/simulator?lang=en", 200))
                .contains("failed spot checks", "out of 30");
    }

    @Test
    void theEditorOffersPublishingOnlyToThoseTheApiLetsPublish() {
        String hr = as("zhaomin").page("/console/schemes/cs-staff-monthly/editor", 200);
        assertThat(hr).contains("id=\"publish-form\"", "type=\"month\"", "id: cs-staff-monthly", "客户投诉解决率(投诉率)");
        assertThat(as("admin").page("/console/schemes/cs-staff-monthly/editor?lang=en", 200))
                .contains("id=\"publish-form\"", "Publish as a new version");
        String employee = as("huangqiang").page("/console/schemes/cs-staff-monthly/editor", 200);
        assertThat(employee).doesNotContain("publish-form").contains("id=\"publish-hr-only\"", "只有人力资源或管理员可以发布考核方案");
        // …because the API refuses them.
        assertThat(publish("huangqiang", "id: x\n", "2990-01").getStatusCode().value())
                .isEqualTo(403);
    }

    @Test
    void aRefusedPublicationNamesTheLineOfEachProblem() throws IOException {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String broken = builtIn(id).replace("{range: \"(0, 0.4]\", deduct: 2", "{range: \"(0, 0.4\", deduct: 2");
        ResponseEntity<String> refused = publish("zhaomin", broken, "2990-01");
        assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
        JsonNode problem = json.readTree(refused.getBody()).path("problems").get(0);
        assertThat(problem.path("field").asText()).isEqualTo("params.brackets[1].range");
        int line = problem.path("line").asInt();
        assertThat(broken.lines().toList().get(line - 1)).contains("{range: \"(0, 0.4\"");
        assertThat(problem.path("column").asInt()).isEqualTo(12);
    }

    @Test
    void theDiffShowsChangedWeightsAndBracketsOfTwoPublishedVersions() throws IOException {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String v1 = builtIn(id);
        String v2 = v1.replace("version: 1", "version: 2")
                .replace("bonusCap: 10", "bonusCap: 20")
                .replace("{range: \"(1.5, 100]\", deduct: 10", "{range: \"(1.5, 100]\", deduct: 20")
                .replace(
                        "weight: 10\n    kind: bracket-deduction\n    seed: \"回访完成率",
                        "weight: 15\n    kind: bracket-deduction\n    seed: \"回访完成率")
                .replace(
                        "weight: 10\n    kind: bracket-deduction\n    seed: \"客户满意度",
                        "weight: 5\n    kind: bracket-deduction\n    seed: \"客户满意度");
        assertThat(publish("zhaomin", v1, "2000-01").getStatusCode().value()).isEqualTo(201);
        assertThat(publish("zhaomin", v2, "2990-01").getStatusCode().value()).isEqualTo(201);

        String diff = as("lina").page("/console/schemes/" + id + "/diff", 200);
        assertThat(diff).contains("第 1 版 → 第 2 版", "<option value=\"2\" selected=\"selected\">2</option>");
        assertThat(row(diff, "data-indicator", "revisit-completion")).contains("10 → 15");
        assertThat(row(diff, "data-indicator", "complaint-rate"))
                .contains("parameters.brackets", "(1.5, 100] → −10（1.5%之上）", "(1.5, 100] → −20（1.5%之上）");
        assertThat(diff).contains("bonusCap");
        assertThat(as("lina").page("/console/schemes/" + id + "/diff?from=2&to=2&lang=en", 200))
                .contains("Both versions have the same");
        // v1 is in force this month; v2 is listed as the newest and opens as such.
        String library = as("lina").page("/console/schemes", 200);
        assertThat(row(library, "data-scheme", id)).contains("第 2 版", "自 2990-01 起");
        assertThat(as("lina").page("/console/schemes/" + id + "?version=2", 200))
                .contains("本月生效的是第 1 版");
    }

    private ResponseEntity<String> publish(String user, String document, String effectiveFrom) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.valueOf("application/yaml;charset=UTF-8"));
        return rest.withBasicAuth(user, "demo")
                .postForEntity(
                        "/api/schemes?effectiveFrom=" + effectiveFrom,
                        new HttpEntity<>(document, headers),
                        String.class);
    }

    /** cs-staff-monthly as shipped, under another id. */
    private static String builtIn(String id) throws IOException {
        try (InputStream in = Objects.requireNonNull(
                SchemesPageTest.class.getClassLoader().getResourceAsStream("schemes/cs-staff-monthly.yaml"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("id: cs-staff-monthly", "id: " + id);
        }
    }

    /** The simulator's fields with their starting values, sent to /evaluate as the page's script sends them. */
    private JsonNode evaluate(String schemeId, String page) throws IOException {
        ObjectNode body = json.createObjectNode();
        Matcher input = INPUT.matcher(page);
        int fields = 0;
        while (input.find()) {
            String[] field = HtmlUtils.htmlUnescape(input.group(1)).split("\\.", 3);
            double value = Double.parseDouble(input.group(2));
            ObjectNode group = body.has(field[0]) ? (ObjectNode) body.get(field[0]) : body.putObject(field[0]);
            if (field[0].equals("ratings")) {
                ObjectNode rater = group.has(field[1]) ? (ObjectNode) group.get(field[1]) : group.putObject(field[1]);
                rater.put(field[2], value);
            } else {
                group.put(field.length == 3 ? field[1] + "." + field[2] : field[1], value);
            }
            fields++;
        }
        assertThat(fields).as(schemeId + ": simulator fields").isPositive();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> answer = rest.withBasicAuth("huangqiang", "demo")
                .postForEntity(
                        "/api/schemes/" + schemeId + "/evaluate",
                        new HttpEntity<>(body.toString(), headers),
                        String.class);
        assertThat(answer.getStatusCode().value())
                .as(schemeId + ": " + answer.getBody())
                .isEqualTo(200);
        return json.readTree(answer.getBody());
    }

    /** The page from the element carrying attribute="value" up to the next element carrying that attribute. */
    private static String row(String page, String attribute, String value) {
        int start = page.indexOf(attribute + "=\"" + value + "\"");
        assertThat(start).as(attribute + "=" + value).isNotNegative();
        int next = page.indexOf(" " + attribute + "=\"", start + 1);
        return page.substring(start, next < 0 ? page.length() : next);
    }
}

package com.servicereview.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our zh.json of each Camunda web app against Camunda's en.json in the webjar: only keys Camunda has,
 * the same {{placeholders}}, the Chinese date locale, and config.js offering zh with English as fallback.
 */
class WebappTranslationsTest {

    private static final String APPS = "META-INF/resources/webjars/camunda/app/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}|\\{}");
    /** Strings people meet first in each app. */
    private static final Map<String, Map<String, String>> EXPECTED = Map.of(
            "tasklist",
                    Map.of(
                            "CLAIM_TASK",
                            "认领",
                            "COMPLETE",
                            "完成",
                            "SAVE",
                            "保存",
                            "START_PROCESS",
                            "发起流程",
                            "PAGE_LOGIN_SIGN_IN_ACTION",
                            "登录"),
            "cockpit",
                    Map.of(
                            "DASHBOARD_RUNNING_PROCESS_INSTANCE",
                            "运行中的流程实例",
                            "COCKPIT_PROCESSES",
                            "流程",
                            "PLUGIN_INCIDENTS_LABEL",
                            "故障"),
            "admin", Map.of("USERS_LIST_USERS", "用户列表", "GROUPS_GROUPS", "组"),
            "welcome", Map.of("APPLICATIONS", "应用", "PROFILE", "个人资料"));

    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void chineseLabelsMatchCamundasEnglishOnes(String app) throws IOException {
        JsonNode en = read(APPS + app + "/locales/en.json").path("labels");
        JsonNode zh = read(APPS + app + "/locales/zh.json");
        JsonNode labels = zh.path("labels");
        assertThat(labels.size()).as("%s labels", app).isPositive();
        labels.fieldNames().forEachRemaining(key -> {
            assertThat(en.has(key))
                    .as("%s: %s is not a key of Camunda's en.json", app, key)
                    .isTrue();
            assertThat(placeholders(labels.path(key).asText()))
                    .as("%s: placeholders of %s", app, key)
                    .isEqualTo(placeholders(en.path(key).asText()));
        });
        EXPECTED.get(app)
                .forEach((key, text) -> assertThat(labels.path(key).asText())
                        .as("%s: %s", app, key)
                        .isEqualTo(text));
        if (!app.equals("welcome")) {
            assertThat(zh.path("dateLocales").path("months").path(0).asText())
                    .as("%s: date locale", app)
                    .isEqualTo("一月");
        }

        String config = text(APPS + app + "/scripts/config.js");
        assertThat(config).contains("availableLocales: ['en', 'zh']", "fallbackLocale: 'en'");
        assertThat(text(APPS + app + "/styles/user-styles.css"))
                .contains(".ce-eol-banner")
                .contains("display: none");
    }

    private static TreeSet<String> placeholders(String text) {
        TreeSet<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) names.add(matcher.group(1) == null ? "{}" : matcher.group(1));
        return names;
    }

    private JsonNode read(String resource) throws IOException {
        try (InputStream in = resource(resource)) {
            // Camunda's en.json files start with a UTF-8 byte-order mark, which Jackson skips.
            return json.readTree(in);
        }
    }

    private static String text(String resource) throws IOException {
        try (InputStream in = resource(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = WebappTranslationsTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as("class-path resource %s", name).isNotNull();
        return in;
    }
}

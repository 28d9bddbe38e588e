package com.servicereview.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The pages' texts: English has every Chinese text and no other, and every key a template names exists. */
class PageMessagesTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    /** {@code #{key}}, {@code #{key(args)}} and {@code #messages.msg('key', …)} with a literal key. */
    private static final Pattern KEY = Pattern.compile("#\\{([\\w.]+)[}(]|#messages\\.msg\\('([\\w.]+)'");

    @Test
    void chineseAndEnglishHaveTheSameKeys() throws IOException {
        Set<String> chinese = keys("messages.properties");
        assertThat(chinese).hasSizeGreaterThan(50);
        assertThat(keys("messages_en.properties")).containsExactlyInAnyOrderElementsOf(chinese);
    }

    @Test
    void everyKeyInTheTemplatesExists() throws IOException {
        Set<String> known = keys("messages.properties");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> templates = Files.walk(RESOURCES.resolve("templates"))) {
            for (Path template :
                    templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = KEY.matcher(Files.readString(template));
                while (m.find()) used.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        assertThat(used).hasSizeGreaterThan(40);
        assertThat(known).containsAll(used);
        // Built from data: 'report.status.' + the cycle's status; refusals: CycleReportPage.
        for (String status : new String[] {"LAUNCHING", "IN_REVIEW", "CALIBRATION", "CLOSED"})
            assertThat(known).contains("report.status." + status);
        assertThat(known)
                .contains(
                        "report.forbidden.title",
                        "report.forbidden.text",
                        "report.notFound.title",
                        "report.notFound.text");
    }

    private static Set<String> keys(String file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(RESOURCES.resolve(file), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return new TreeSet<>(properties.stringPropertyNames());
    }
}

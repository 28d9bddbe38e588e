package com.servicereview.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console's organisation page in headless Chromium ({@code src/test/e2e/org-console.mjs}): HR uploads a file
 * with errors (nothing changes), then a department of the script's own ids (dry run, apply), then a change (a team
 * renamed, a person moved, one leaving), and finds people; a supervisor sees their team only, an employee the 403
 * page. Here: what the page applied is in the database. Screenshots: {@code <buildDir>/e2e/org-*.png}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OrgConsoleBrowserTest {

    static final String[] SCREENSHOTS = {
        "org-errors-zh",
        "org-dry-run-zh",
        "org-applied-zh",
        "org-changes-en",
        "org-applied-en",
        "org-search-en",
        "org-search-zh",
        "org-phone-zh",
        "org-supervisor-zh"
    };

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void hrChecksAppliesAndBrowsesTheOrganisationAndOthersSeeTheirPart() throws IOException {
        for (String name : SCREENSHOTS)
            Files.deleteIfExists(BrowserScript.outputDir().resolve(name + ".png"));
        Files.deleteIfExists(BrowserScript.outputDir().resolve("org-console-failure.png"));

        // Three logins, four imports and a dozen pages: more than the default on a machine busy with other builds.
        BrowserScript.Result result =
                BrowserScript.run("org-console.mjs", "http://localhost:" + port, Duration.ofMinutes(5));

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.output())
                .contains("#diff-units-added: 3 rows", "#diff-people-added: 6 rows", "#diff-people-leaving: 1 rows");
        Matcher unit = Pattern.compile("org unit: (\\S+)-d").matcher(result.output());
        assertThat(unit.find()).as("the script names its department").isTrue();
        String p = unit.group(1);
        assertThat(jdbc.sql("select name_zh from review.org_unit where id = ?")
                        .param(p + "-t1")
                        .query(String.class)
                        .single())
                .isEqualTo("质检甲组");
        assertThat(jdbc.sql("select org_unit_id || ' ' || supervisor_id from review.employee where id = ?")
                        .param(p + "a2")
                        .query(String.class)
                        .single())
                .isEqualTo(p + "-t2 " + p + "s2");
        assertThat(jdbc.sql("select active from review.employee where id = ?")
                        .param(p + "a3")
                        .query(Boolean.class)
                        .single())
                .isFalse();
        // The refused file wrote nothing: the department came with the second file, audited as zhaomin's.
        assertThat(jdbc.sql(
                                "select count(*) from review.audit_event where action = 'org.unit.added' and subject = ? and actor = 'zhaomin'")
                        .param(p + "-d")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        for (String name : SCREENSHOTS) {
            Path screenshot = BrowserScript.outputDir().resolve(name + ".png");
            assertThat(screenshot).as("screenshot").isRegularFile();
            assertThat(Files.size(screenshot)).as("screenshot size").isGreaterThan(10_000);
        }
    }
}

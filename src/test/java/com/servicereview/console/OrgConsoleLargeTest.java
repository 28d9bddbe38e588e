package com.servicereview.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The organisation page of an organisation too large to hold everyone (here: any, the limit set to 0): no unit's
 * people are in the page, each unit with people has a placeholder naming the URL that serves its table, and that URL
 * serves exactly the unit's people. (static/js/console-org.js fetches it when the unit is opened; seen in Chromium.)
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "service-review.console.org-inline-people=0")
class OrgConsoleLargeTest {

    @LocalServerPort
    int port;

    @Test
    void unitsHoldPlaceholdersWhoseUrlsServeTheirPeople() {
        WebappBrowser hr = WebappBrowser.loggedIn(port, "zhaomin");
        String page = hr.page("/console/org", 200);
        String team = page.substring(page.indexOf("data-unit=\"as1\""));
        team = team.substring(0, team.indexOf("</details>"));
        assertThat(team).doesNotContain("data-person", "<table").contains("class=\"people-lazy");
        Matcher source = Pattern.compile("data-src=\"([^\"]+)\"").matcher(team);
        assertThat(source.find()).isTrue();
        assertThat(source.group(1)).isEqualTo("/console/org/units/as1/people?leavers=false");

        String people = hr.page(source.group(1), 200);
        assertThat(people)
                .contains("data-person=\"lina\"", "data-person=\"zhangwei\"")
                .doesNotContain("data-person=\"chengang\"");
        // Read for this unit only, the table still names a supervisor outside it: lina's is the department head.
        assertThat(people.substring(people.indexOf("data-person=\"lina\""))).contains("王建国");
        // Those outside every unit (administrators, HR) stay a table in the page.
        assertThat(page.substring(page.indexOf("不属于任何单位的人员"))).contains("data-person=\"zhaomin\"");
    }
}

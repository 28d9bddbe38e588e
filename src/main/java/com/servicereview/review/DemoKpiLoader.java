package com.servicereview.review;

import com.servicereview.org.OrgRepository;
import java.time.YearMonth;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo mode: plausible cs-staff-monthly KPI inputs for every demo agent for the last three months,
 * so a review can be started and worked in Tasklist at once. One agent (黄强) lacks last month's
 * revisit completion, to show the HR data step. Existing values are never overwritten.
 */
@Component
@Order(1)
@ConditionalOnProperty(name = "service-review.demo.enabled", havingValue = "true")
class DemoKpiLoader implements ApplicationRunner {

    static final String INCOMPLETE_AGENT = "huangqiang";
    private static final Logger log = LoggerFactory.getLogger(DemoKpiLoader.class);

    private final JdbcClient jdbc;
    private final OrgRepository org;

    DemoKpiLoader(JdbcClient jdbc, OrgRepository org) {
        this.jdbc = jdbc;
        this.org = org;
    }

    @Override
    public void run(ApplicationArguments args) {
        int inserted = 0;
        YearMonth last = YearMonth.now().minusMonths(1);
        for (String unit : List.of("as1", "as2")) {
            for (var employee : org.teamMembers(unit)) {
                if (employee.supervisorId() == null || !employee.role().name().equals("EMPLOYEE")) continue;
                for (int back = 0; back < 3; back++) {
                    String period = last.minusMonths(back).toString();
                    Random r = new Random((employee.id() + period).hashCode());
                    inserted += put(employee.id(), period, "complaint-rate", r.nextInt(16) / 10.0);
                    if (!(back == 0 && employee.id().equals(INCOMPLETE_AGENT))) {
                        inserted += put(employee.id(), period, "revisit-completion", 72 + r.nextInt(29));
                    }
                    inserted += put(employee.id(), period, "revisit-authenticity", r.nextInt(4));
                    inserted += put(employee.id(), period, "satisfaction", 78 + r.nextInt(23));
                    inserted += put(employee.id(), period, "report-authenticity", r.nextInt(10) == 0 ? 1 : 0);
                    inserted += put(employee.id(), period, "failed-spot-checks", r.nextInt(3));
                }
            }
        }
        if (inserted > 0) log.info("Demo KPI inputs created: {} values", inserted);
    }

    private int put(String employeeId, String period, String key, double value) {
        return jdbc.sql("""
                insert into review.kpi_value (employee_id, period, input_key, value, source) values (?, ?, ?, ?, 'demo')
                on conflict do nothing""").params(employeeId, period, key, value).update();
    }
}

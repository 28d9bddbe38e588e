package com.servicereview.review;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The measured inputs most tests give an employee for a month: 66 of the 70 measured points of
 * cs-staff-monthly (complaint rate 0.3 → 18, revisits 96 % → 9, one false revisit → 9, the rest full).
 */
public final class DemoKpis {

    public static final Map<String, Double> VALUES = Map.of(
            "complaint-rate",
            0.3,
            "revisit-completion",
            96.0,
            "revisit-authenticity",
            1.0,
            "satisfaction",
            100.0,
            "report-authenticity",
            0.0,
            "failed-spot-checks",
            0.0);

    private DemoKpis() {}

    /** Stores the inputs for the employee and month (replacing earlier ones), except {@code missing}. */
    public static void give(JdbcClient jdbc, String employee, String period, String... missing) {
        VALUES.forEach((key, value) -> {
            if (List.of(missing).contains(key)) return;
            jdbc.sql("""
                    insert into review.kpi_value (employee_id, period, input_key, value, source) values (?, ?, ?, ?, 'test')
                    on conflict (employee_id, period, input_key) do update set value = excluded.value""").params(employee, period, key, value).update();
        });
    }
}

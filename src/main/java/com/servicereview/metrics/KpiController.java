package com.servicereview.metrics;

import com.servicereview.security.CurrentUser;
import com.servicereview.web.BadRequestException;
import java.time.YearMonth;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/kpis/{period}/aggregate}: recompute a month's KPI inputs from the records (HR and administrators, {@code security.AccessRules}). */
@RestController
@RequestMapping("/api/kpis")
class KpiController {

    private final KpiAggregator aggregator;

    KpiController(KpiAggregator aggregator) {
        this.aggregator = aggregator;
    }

    @PostMapping("/{period}/aggregate")
    KpiAggregator.Result aggregate(@PathVariable String period) {
        return aggregator.aggregate(month(period), CurrentUser.id());
    }

    private static YearMonth month(String period) {
        if (!period.matches("[0-9]{4}-(0[1-9]|1[0-2])")) {
            throw new BadRequestException("period", "'" + period + "' 不是月份（YYYY-MM）/ is not a month (YYYY-MM)");
        }
        return YearMonth.parse(period);
    }
}

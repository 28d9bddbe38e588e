package com.servicereview.metrics;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Fills V26's month totals from the tickets and sessions stored before them. In Java, so that the totals are grouped
 * by {@link MonthTotals}' one text of them; Spring Boot hands Flyway every such bean.
 */
@Component
class V27__fill_month_totals extends BaseJavaMigration {

    @Override
    public void migrate(Context context) {
        MonthTotals.fill(JdbcClient.create(new SingleConnectionDataSource(context.getConnection(), true)));
    }
}

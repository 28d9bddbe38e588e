package com.servicereview.database;

import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * Our migrations run on PostgreSQL 14 and later. V3 defines SQL functions that call
 * {@code pg_input_is_valid} (16+); PostgreSQL checks a SQL function's body when it is created, so
 * before 16 every Flyway connection turns that check off, and V10 then replaces those functions with
 * versions that work there.
 */
@Component
class PortableMigrations implements FlywayConfigurationCustomizer {

    static final String INIT_SQL = "select set_config('check_function_bodies',"
            + " case when current_setting('server_version_num')::int >= 160000 then 'on' else 'off' end, false)";

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.initSql(INIT_SQL);
    }
}

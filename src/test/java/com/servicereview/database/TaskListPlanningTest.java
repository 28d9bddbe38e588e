package com.servicereview.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine's queries with permission checks run with the plan settings in their own transaction; other commands,
 * queries without checks and later ones without.
 */
@SpringBootTest(webEnvironment = WebEnvironment.MOCK)
class TaskListPlanningTest {

    @Autowired
    ProcessEngineConfigurationImpl engine;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void noUser() {
        engine.getIdentityService().clearAuthentication();
    }

    @Test
    void aUsersQueryPlansWithItsParametersAndLeavesTheConnectionAsItWas() {
        engine.getIdentityService().setAuthentication("lina", List.of("employees"));
        assertThat(new SettingsQuery().list()).containsExactly("force_custom_plan", "1.1");
        // A command that is not a query, and one that runs a query nested in it after reading.
        assertThat(inCommand(this::settings)).containsExactly("auto", "4");
        assertThat(inCommand(() -> List.of(settings(), new SettingsQuery().list())))
                .containsExactly(List.of("auto", "4"), List.of("force_custom_plan", "1.1"));
        assertThat(inCommand(this::settings)).containsExactly("auto", "4");
    }

    @Test
    void aQueryWithoutPermissionChecksKeepsTheDefaults() {
        // No user (a login's groups, jobs, delegates), or checks off: no check joins the grants.
        assertThat(new SettingsQuery().list()).containsExactly("auto", "4");
        engine.getIdentityService().setAuthentication("lina", List.of("employees"));
        List<String> unchecked = engine.getCommandExecutorTxRequired().execute(context -> {
            context.disableAuthorizationCheck();
            return new SettingsQuery().list();
        });
        assertThat(unchecked).containsExactly("auto", "4");
    }

    private <T> T inCommand(Supplier<T> work) {
        return engine.getCommandExecutorTxRequired().execute((Command<T>) context -> work.get());
    }

    private List<String> settings() {
        return jdbc.sql("select current_setting('plan_cache_mode'), current_setting('random_page_cost')")
                .query((rows, n) -> List.of(rows.getString(1), rows.getString(2)))
                .single();
    }

    /** A query of the engine's kind, with its authorization check, whose result is the settings its statement sees. */
    private final class SettingsQuery extends AbstractQuery<SettingsQuery, String> {

        SettingsQuery() {
            super(engine.getCommandExecutorTxRequired());
        }

        @Override
        public long executeCount(CommandContext commandContext) {
            return 2;
        }

        @Override
        public List<String> executeList(CommandContext commandContext, Page page) {
            // As the engine's queries do before their statement.
            commandContext.getAuthorizationManager().configureQuery(this);
            return settings();
        }
    }
}

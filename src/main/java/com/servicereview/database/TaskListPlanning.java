package com.servicereview.database;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The engine's queries with an authorization check (task lists, counts, filter executions) are planned with their
 * parameters. Camunda sends the permission bits of its authorization checks as parameters ({@code PERMS_ & ? = ?});
 * after five runs of a prepared statement PostgreSQL may switch to a generic plan, which cannot use
 * {@link AuthorizationStatistics}, guesses one grant and joins every task with every grant: HR's count of 10,000 tasks
 * took more than 30 s instead of about 0.9 s (docs/benchmarks-tasklists.md). Only these queries pay for planning each time: set on
 * every connection, the same setting made the 10,000-person cycle launch 31 % slower (132.6 s against 101.3 s,
 * CycleLaunchBenchmark).
 *
 * <p>They are also planned for data in memory ({@code random_page_cost} 1.1 instead of 4, which prices a disk seek):
 * the authorization check joins each task to its grants on {@code RESOURCE_ID_ IN (task, definition key, '*')}, an
 * OR that cannot be hashed, so the planner weighs three index probes per task against reading every matching grant
 * for every task. At 4 it chose the latter for a supervisor with 2,000 assigned tasks (4,000,000 pairs, 1.08 s for
 * the count); at 1.1 it probes (22 ms). HR's group tasks already probed and stay as fast.
 *
 * <p>The settings are local to the command's transaction, so the pooled connection goes back unchanged. The
 * authorization manager asks for them ({@link #forThisCommand}) when it adds a check to a query, so they are set once
 * per command context and only where a check joins the grants: not for a login's queries, the engine's queries in jobs
 * and delegates, a filter's own permission check, or a task query its criteria confine to the user's own tasks.
 */
@Component
public class TaskListPlanning extends AbstractProcessEnginePlugin {

    private final JdbcClient jdbc;

    TaskListPlanning(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineSessions.add(configuration, EngineSessions.factory(PlanSettings.class, PlanSettings::new));
    }

    /** Sets the plan settings in the current command's transaction, unless already set there. */
    public static void forThisCommand() {
        // The command context opens the session, and so sets the settings, once.
        Context.getCommandContext().getSession(PlanSettings.class);
    }

    /** Opened once per command context: sets the plan settings in its transaction. */
    private final class PlanSettings implements Session {

        PlanSettings() {
            jdbc.sql("select set_config('plan_cache_mode', 'force_custom_plan', true),"
                            + " set_config('random_page_cost', '1.1', true)")
                    .query()
                    .listOfRows();
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}

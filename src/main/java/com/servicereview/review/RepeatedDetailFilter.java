package com.servicereview.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * History FULL stays, without the detail rows that only repeat what history already holds. For every value a
 * variable takes, FULL writes a detail ({@code ACT_HI_DETAIL}, with its own copy of a JSON value's bytes) beside
 * the variable's history row ({@code ACT_HI_VARINST}); at a variable's creation both hold the same value at the
 * same time. No detail is written for the creation of:
 * <ul>
 * <li>every task-local variable: what our listeners give a form to show, copied from our tables (which keep the
 *     audit: ratings, decisions, {@code review.audit_event}); participants cannot set variables at all
 *     ({@code SubmissionGuard});</li>
 * <li>the review's display copies ({@link #INSTANCE_COPIES}: names, KPI breakdown, missing data, grade label);</li>
 * <li>the engine's multi-instance counters ({@link #COUNTERS}), which the activity history tells as well.</li>
 * </ul>
 * Every change of any variable (an administrator's repair in Cockpit included, also in the operation log) and
 * the creation of every other variable keep their detail. A cycle's launch writes 9 rows and 3 byte arrays fewer
 * per review (CycleLaunchBenchmark, {@code -Dbench.countSql=true}).
 */
@Component
class RepeatedDetailFilter extends AbstractProcessEnginePlugin {

    static final Set<String> INSTANCE_COPIES =
            Set.of("employeeName", "schemeName", "kpiBreakdown", "missingItems", "missingReason", "finalGradeLabel");

    static final Set<String> COUNTERS =
            Set.of("nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances", "loopCounter");

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = new ArrayList<>();
        if (configuration.getCustomHistoryEventHandlers() != null) {
            handlers.addAll(configuration.getCustomHistoryEventHandlers());
        }
        handlers.add(new Handler());
        configuration.setCustomHistoryEventHandlers(handlers);
        // Ours replaces the engine's database handler: it writes everything the default one does but these details.
        configuration.setEnableDefaultDbHistoryEventHandler(false);
    }

    static boolean repeatsItsHistoryRow(HistoricVariableUpdateEventEntity event) {
        if (!event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE)) return false;
        String name = event.getVariableName();
        return event.getTaskId() != null
                || COUNTERS.contains(name)
                || (EmployeeReviewProcess.KEY.equals(event.getProcessDefinitionKey())
                        && INSTANCE_COPIES.contains(name));
    }

    static final class Handler extends DbHistoryEventHandler {
        @Override
        protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
            return super.shouldWriteHistoricDetail(event) && !repeatsItsHistoryRow(event);
        }
    }
}

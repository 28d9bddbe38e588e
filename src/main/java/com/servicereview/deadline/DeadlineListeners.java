package com.servicereview.deadline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationType;
import org.camunda.bpm.engine.impl.jobexecutor.TimerEventJobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.TimerTaskListenerJobHandler;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.task.listener.DelegateExpressionTaskListener;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Every user task of every deployed process gets its deadlines from {@code service-review.deadlines}, so no diagram
 * carries them and a new task is covered by itself: the due date, a {@code timeout} task listener that reminds, and
 * for a task with a next level (named by its process's {@link TaskDeadlines}) one that escalates when the task is due. They
 * are what the modeler would write as {@code <camunda:taskListener event="timeout">} with a timer; the diagrams keep
 * only the timers that change the business path.
 */
@Component
public class DeadlineListeners extends AbstractProcessEnginePlugin {

    public static final String REMINDER = "reminder";
    public static final String ESCALATION = "escalation";

    private final List<TaskDeadlines> processes;

    DeadlineListeners(List<TaskDeadlines> processes) {
        this.processes = processes;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreBPMNParseListeners() == null) {
            configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
                    attach(configuration.getExpressionManager(), activity, userTask.getTaskDefinition());
                }
            }
        });
    }

    private void attach(ExpressionManager expressions, ActivityImpl activity, TaskDefinition task) {
        String key = processes.stream()
                .map(p -> p.keys().get(activity.getId()))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse("default");
        if (task.getDueDateExpression() == null) {
            task.setDueDateExpression(expressions.createExpression("${deadlines.due('" + key + "')}"));
        }
        timeout(expressions, activity, task, REMINDER, "${deadlines.remind('" + key + "')}", "${sendReminderListener}");
        processes.stream()
                .map(p -> p.escalations().get(activity.getId()))
                .filter(Objects::nonNull)
                .findFirst()
                .ifPresent(listener -> timeout(
                        expressions,
                        activity,
                        task,
                        ESCALATION,
                        "${deadlines.due('" + key + "')}",
                        "${" + listener + "}"));
    }

    /**
     * What BpmnParse does for a timeout task listener: a timer on the task's own scope that calls the listener by
     * its id. The listener is looked up by name when it fires, as a {@code delegateExpression} is, because the
     * beans it needs are built after the engine this plugin configures.
     */
    private static void timeout(
            ExpressionManager expressions,
            ActivityImpl activity,
            TaskDefinition task,
            String id,
            String date,
            String listener) {
        activity.setScope(true);
        activity.setEventScope(activity);
        TimerDeclarationImpl timer = new TimerDeclarationImpl(
                expressions.createExpression(date), TimerDeclarationType.DATE, TimerTaskListenerJobHandler.TYPE);
        timer.setActivity(activity);
        timer.setRawJobHandlerConfiguration(activity.getId()
                + TimerEventJobHandler.JOB_HANDLER_CONFIG_PROPERTY_DELIMITER
                + TimerEventJobHandler.JOB_HANDLER_CONFIG_TASK_LISTENER_PREFIX
                + id);
        Map<String, Map<String, TimerDeclarationImpl>> declarations =
                activity.getProperties().get(BpmnProperties.TIMEOUT_LISTENER_DECLARATIONS);
        Map<String, TimerDeclarationImpl> ofTask = declarations == null ? null : declarations.get(activity.getId());
        if (ofTask == null) {
            ofTask = new HashMap<>();
            activity.getProperties()
                    .putMapEntry(BpmnProperties.TIMEOUT_LISTENER_DECLARATIONS, activity.getId(), ofTask);
        }
        ofTask.put(id, timer);
        task.addTimeoutTaskListener(
                id, new DelegateExpressionTaskListener(expressions.createExpression(listener), List.of()));
    }
}

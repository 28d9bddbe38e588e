package com.servicereview.cycle;

import com.servicereview.audit.AuditLog;
import com.servicereview.cycle.ReviewCycleProcess.Activity;
import com.servicereview.cycle.ReviewCycleProcess.Var;
import com.servicereview.deadline.GroupHandover;
import com.servicereview.deadline.TaskDeadlines;
import com.servicereview.org.OrgGroups;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * review-cycle's user tasks and their deadlines: an overdue calibration goes from HR to the HR committee
 * (人事决策委员会); a rectification plan is only reminded (its owner has no one to hand it to).
 */
@Component
class CycleTaskDeadlines implements TaskDeadlines {

    private static final String ESCALATE_CALIBRATION = "escalateCalibrationListener";

    @Override
    public Map<String, String> keys() {
        return Map.of(Activity.CALIBRATE, "calibrate", Activity.RECTIFICATION, "rectification-plan");
    }

    @Override
    public Map<String, String> escalations() {
        return Map.of(Activity.CALIBRATE, ESCALATE_CALIBRATION);
    }

    @Component(ESCALATE_CALIBRATION)
    static class EscalateCalibration implements TaskListener {
        private final AuditLog audit;

        EscalateCalibration(AuditLog audit) {
            this.audit = audit;
        }

        @Override
        public void notify(DelegateTask task) {
            String from = GroupHandover.handOver(task, Var.CALIBRATION_GROUP, OrgGroups.HR_COMMITTEE);
            audit.record(
                    "system",
                    "task.escalated",
                    (String) task.getVariable(Var.CYCLE_ID),
                    Map.of(
                            "task",
                            task.getTaskDefinitionKey(),
                            "taskId",
                            task.getId(),
                            "from",
                            from,
                            "to",
                            OrgGroups.HR_COMMITTEE));
        }
    }
}

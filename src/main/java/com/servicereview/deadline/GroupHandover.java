package com.servicereview.deadline;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;

/** How an overdue group task goes one level up: to another candidate group, in place. */
public final class GroupHandover {

    private GroupHandover() {}

    /**
     * Moves the task from the group named in {@code variable} to {@code to}, and the variable with it, so a later
     * pass of the same step goes there as well. Returns the group it came from.
     */
    public static String handOver(DelegateTask task, String variable, String to) {
        DelegateExecution execution = task.getExecution();
        String from = (String) execution.getVariable(variable);
        execution.setVariable(variable, to);
        task.deleteCandidateGroup(from);
        task.addCandidateGroup(to);
        // Whoever claimed it in the old group no longer holds it.
        if (task.getAssignee() != null) task.setAssignee(null);
        return from;
    }
}

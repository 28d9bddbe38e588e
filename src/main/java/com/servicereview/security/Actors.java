package com.servicereview.security;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who completes a task: the logged-in user (Tasklist, REST), else its assignee. */
public final class Actors {

    private Actors() {}

    public static String of(DelegateTask task) {
        Authentication user =
                task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (user != null && user.getUserId() != null) return user.getUserId();
        return task.getAssignee() != null ? task.getAssignee() : "unknown";
    }
}

package com.servicereview.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.Test;

/** Which task queries the engine's per-task check may be skipped for: only those confined to the user's own tasks. */
class ImpliedTaskReadCheckTest {

    private static final List<String> GROUPS = List.of("hr", "employees");

    private static boolean implied(TaskQuery query) {
        return ImpliedTaskReadCheck.impliedByCriteria((TaskQueryImpl) query, "zhaomin", GROUPS);
    }

    @Test
    void ownAssignedTasksAndOwnGroupsAreImplied() {
        assertThat(implied(new TaskQueryImpl().taskAssignee("zhaomin"))).isTrue();
        assertThat(implied(new TaskQueryImpl().taskCandidateGroup("hr"))).isTrue();
        assertThat(implied(new TaskQueryImpl().taskCandidateGroupIn(GROUPS))).isTrue();
        assertThat(implied(
                        new TaskQueryImpl().taskCandidateGroupIn(List.of("hr")).includeAssignedTasks()))
                .isTrue();
        // More criteria only narrow the tasks.
        assertThat(implied(new TaskQueryImpl()
                        .taskAssignee("zhaomin")
                        .processDefinitionKey("employee-review")
                        .taskNameLike("%评%")))
                .isTrue();
    }

    @Test
    void othersTasksAndOtherGroupsKeepTheCheck() {
        assertThat(implied(new TaskQueryImpl())).isFalse();
        assertThat(implied(new TaskQueryImpl().taskAssignee("lina"))).isFalse();
        assertThat(implied(new TaskQueryImpl().taskAssigneeLike("zhaomin%"))).isFalse();
        assertThat(implied(new TaskQueryImpl().taskCandidateGroup("supervisors")))
                .isFalse();
        assertThat(implied(new TaskQueryImpl().taskCandidateGroupIn(List.of("hr", "supervisors"))))
                .isFalse();
        assertThat(implied(new TaskQueryImpl().taskCandidateGroupLike("h%"))).isFalse();
        assertThat(implied(new TaskQueryImpl().taskId("42"))).isFalse();
        assertThat(ImpliedTaskReadCheck.impliedByCriteria(
                        (TaskQueryImpl) new TaskQueryImpl().taskCandidateGroup("hr"), "zhaomin", null))
                .isFalse();
        assertThat(ImpliedTaskReadCheck.impliedByCriteria(
                        (TaskQueryImpl) new TaskQueryImpl().taskAssignee("zhaomin"), null, GROUPS))
                .isFalse();
    }

    @Test
    void linksTheQueryDoesNotNameKeepTheCheck() {
        assertThat(implied(new TaskQueryImpl().taskCandidateUser("zhaomin"))).isFalse();
        assertThat(implied(new TaskQueryImpl().taskInvolvedUser("zhaomin"))).isFalse();
        assertThat(implied(new TaskQueryImpl().taskAssignee("zhaomin").taskInvolvedUser("lina")))
                .isFalse();
    }

    @Test
    void orQueriesKeepTheCheck() {
        TaskQuery query = new TaskQueryImpl()
                .taskAssignee("zhaomin")
                .or()
                .taskAssignee("lina")
                .endOr();

        assertThat(implied(query)).isFalse();
    }
}

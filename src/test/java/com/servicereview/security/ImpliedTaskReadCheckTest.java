package com.servicereview.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.junit.jupiter.api.Test;

/** Which task queries the engine's per-task check may be skipped for: only those confined to the user's own tasks. */
class ImpliedTaskReadCheckTest {

    private static final List<String> GROUPS = List.of("hr", "employees");

    private static boolean implied(TaskQueryImpl query) {
        return ImpliedTaskReadCheck.impliedByCriteria(query, "zhaomin", GROUPS);
    }

    @Test
    void ownAssignedTasksAndOwnGroupsAreImplied() {
        assertThat(implied((TaskQueryImpl) new TaskQueryImpl().taskAssignee("zhaomin")))
                .isTrue();
        assertThat(implied((TaskQueryImpl) new TaskQueryImpl().taskCandidateGroup("hr")))
                .isTrue();
        assertThat(implied((TaskQueryImpl) new TaskQueryImpl().taskCandidateGroupIn(GROUPS)))
                .isTrue();
        assertThat(implied((TaskQueryImpl)
                        new TaskQueryImpl().taskCandidateGroupIn(List.of("hr")).includeAssignedTasks()))
                .isTrue();
        // More criteria only narrow the tasks.
        assertThat(implied((TaskQueryImpl) new TaskQueryImpl()
                        .taskAssignee("zhaomin")
                        .processDefinitionKey("employee-review")
                        .taskNameLike("%评%")))
                .isTrue();
    }

    @Test
    void othersTasksAndOtherGroupsKeepTheCheck() {
        assertThat(implied(new TaskQueryImpl())).isFalse();
        assertThat(implied((TaskQueryImpl) new TaskQueryImpl().taskAssignee("lina")))
                .isFalse();
        assertThat(implied((TaskQueryImpl) new TaskQueryImpl().taskAssigneeLike("zhaomin%")))
                .isFalse();
        assertThat(implied((TaskQueryImpl) new TaskQueryImpl().taskCandidateGroup("supervisors")))
                .isFalse();
        assertThat(implied((TaskQueryImpl) new TaskQueryImpl().taskCandidateGroupIn(List.of("hr", "supervisors"))))
                .isFalse();
        assertThat(implied((TaskQueryImpl) new TaskQueryImpl().taskCandidateGroupLike("h%")))
                .isFalse();
        assertThat(implied((TaskQueryImpl) new TaskQueryImpl().taskId("42"))).isFalse();
        assertThat(ImpliedTaskReadCheck.impliedByCriteria(
                        (TaskQueryImpl) new TaskQueryImpl().taskCandidateGroup("hr"), "zhaomin", null))
                .isFalse();
        assertThat(ImpliedTaskReadCheck.impliedByCriteria(
                        (TaskQueryImpl) new TaskQueryImpl().taskAssignee("zhaomin"), null, GROUPS))
                .isFalse();
    }

    @Test
    void linksTheQueryDoesNotNameKeepTheCheck() {
        assertThat(implied((TaskQueryImpl) new TaskQueryImpl().taskCandidateUser("zhaomin")))
                .isFalse();
        assertThat(implied((TaskQueryImpl) new TaskQueryImpl().taskInvolvedUser("zhaomin")))
                .isFalse();
        assertThat(implied((TaskQueryImpl)
                        new TaskQueryImpl().taskAssignee("zhaomin").taskInvolvedUser("lina")))
                .isFalse();
    }

    @Test
    void orQueriesKeepTheCheck() {
        TaskQueryImpl query = (TaskQueryImpl) new TaskQueryImpl()
                .taskAssignee("zhaomin")
                .or()
                .taskAssignee("lina")
                .endOr();

        assertThat(implied(query)).isFalse();
    }
}

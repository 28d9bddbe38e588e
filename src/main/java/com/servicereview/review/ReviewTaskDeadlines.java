package com.servicereview.review;

import static java.util.Map.entry;

import com.servicereview.deadline.TaskDeadlines;
import com.servicereview.review.EmployeeReviewProcess.Activity;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** employee-review's user tasks: their {@code service-review.deadlines} keys; every task but the result escalates. */
@Component
class ReviewTaskDeadlines implements TaskDeadlines {

    private static final Map<String, String> KEYS = Map.ofEntries(
            entry(Activity.SUPPLY_DATA, "supply-data"),
            entry(Activity.SELF_REVIEW, "self-review"),
            entry(Activity.SUPERVISOR_REVIEW, "supervisor-review"),
            entry(Activity.GROUP_REVIEW, "group-review"),
            entry(Activity.SELF_REEVALUATION, "self-reevaluation"),
            entry(Activity.SUPERVISOR_REEVALUATION, "supervisor-reevaluation"),
            entry(Activity.INDIRECT_REVIEW, "indirect-review"),
            entry(Activity.HOLD_INTERVIEW, "interview"),
            entry(Activity.ACKNOWLEDGE_RESULT, "acknowledge-result"),
            entry(Activity.COORDINATE_APPEAL, "coordinate-appeal"),
            entry(Activity.DECIDE_APPEAL, "decide-appeal"));

    @Override
    public Map<String, String> keys() {
        return KEYS;
    }

    @Override
    public Map<String, String> escalations() {
        return ReviewEscalations.ESCALATING.stream().collect(Collectors.toMap(a -> a, a -> "escalateTaskListener"));
    }
}

package com.servicereview.deadline;

import java.util.Map;

/**
 * A process's user tasks as the deadline mechanism needs them, one bean per process: the
 * {@code service-review.deadlines} key of each task (others get {@code default}) and, for the tasks
 * that have a next level, the bean name of the task listener that escalates them when due.
 */
public interface TaskDeadlines {

    /** Deadline keys by activity id. */
    Map<String, String> keys();

    /** Escalation listener bean names by activity id; a task not named here is only reminded. */
    Map<String, String> escalations();
}

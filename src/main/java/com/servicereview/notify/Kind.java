package com.servicereview.notify;

/** What a notification is about; stored in {@code review.notification.kind}. */
enum Kind {
    /** A task was given to the recipient. */
    TASK_ASSIGNED,
    /** A task was offered to a group of the recipient (candidate group), to claim. */
    TASK_OFFERED,
    /** An overdue task was taken from its owner and given to the recipient (one level up). */
    TASK_ESCALATED,
    /** The non-interrupting reminder of a task fired. */
    REMINDER,
    /** The employee's result is ready to acknowledge or appeal (Task_AcknowledgeResult). */
    RESULT_READY,
    /** The employee's appeal was decided and the review archived. */
    APPEAL_DECIDED,
    /** Everything a daily-digest user was told since the last digest, in one mail. */
    DIGEST
}

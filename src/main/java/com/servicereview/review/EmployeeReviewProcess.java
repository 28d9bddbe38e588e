package com.servicereview.review;

/** Process key, activity ids, variable names and values of processes/employee-review.bpmn. */
public final class EmployeeReviewProcess {

    public static final String KEY = "employee-review";

    private EmployeeReviewProcess() {}

    /** Activity ids. */
    public static final class Activity {
        public static final String START = "StartEvent_ReviewRequested";
        public static final String COLLECT_DATA = "Task_CollectData";
        public static final String SUPPLY_DATA = "Task_SupplyData";
        public static final String SELF_REVIEW = "Task_SelfReview";
        public static final String SUPERVISOR_REVIEW = "Task_SupervisorReview";
        public static final String GROUP_REVIEW = "Task_GroupReview";
        public static final String SELF_REEVALUATION = "Task_SelfReevaluation";
        public static final String SUPERVISOR_REEVALUATION = "Task_SupervisorReevaluation";
        public static final String INDIRECT_REVIEW = "Task_IndirectReview";
        public static final String FINALISE_SCORE = "Task_FinaliseScore";
        public static final String DECIDE_INTERVIEW = "Task_DecideInterview";
        public static final String HOLD_INTERVIEW = "Task_HoldInterview";
        public static final String ACKNOWLEDGE_RESULT = "Task_AcknowledgeResult";
        public static final String COORDINATE_APPEAL = "Task_CoordinateAppeal";
        public static final String ROUTE_APPEAL = "Task_RouteAppeal";
        public static final String DECIDE_APPEAL = "Task_DecideAppeal";
        public static final String RESCORE_APPEAL = "Task_RescoreAppeal";
        public static final String ARCHIVE = "Task_ArchiveReview";
        public static final String APPEAL_WINDOW_EXPIRED = "Timer_AppealWindowExpired";
        public static final String END_ARCHIVED = "EndEvent_ReviewArchived";

        private Activity() {}
    }

    /** Process variables. Business data lives in our tables; these are ids and small results. */
    public static final class Var {
        public static final String EMPLOYEE_ID = "employeeId";
        public static final String PERIOD = "period";
        public static final String SCHEME_ID = "schemeId";
        public static final String CYCLE_ID = "cycleId";

        /**
         * Transient, never stored: a cycle's launch asks for the data step in the start's transaction; the start
         * listener answers whether it ran there (else the async Task_CollectData runs it).
         */
        public static final String COLLECTED_AT_START = "collectedAtStart";

        public static final String DATA_COMPLETE = "dataComplete";
        public static final String HAS_GROUP_REVIEW = "hasGroupReview";
        public static final String GROUP_REVIEWERS = "groupReviewers";
        public static final String GROUP_REVIEWER = "groupReviewer";

        public static final String REEVALUATION_ROUND = "reevaluationRound";
        public static final String GRADES_DIFFER = "gradesDiffer";
        public static final String GAP_PERSISTS = "gapPersists";
        public static final String INDIRECT_DECISION = "indirectDecision";
        public static final String FINAL_TOTAL = "finalTotal";
        public static final String FINAL_GRADE = "finalGrade";
        public static final String INTERVIEW_REQUIRED = "interviewRequired";
        public static final String ACK_DECISION = "ackDecision";
        public static final String APPEAL_WINDOW = "appealWindow";
        public static final String COORDINATION_OUTCOME = "coordinationOutcome";
        public static final String APPEAL_DECIDER_GROUP = "appealDeciderGroup";
        public static final String APPEAL_DECISION = "appealDecision";

        private Var() {}
    }

    /** Who works a step of the review: the roles of {@code review.participant}. */
    public static final class Role {
        public static final String SELF = "self";
        public static final String SUPERVISOR = "supervisor";
        public static final String INDIRECT = "indirect";
        public static final String INTERVIEWER = "interviewer";
        public static final String APPEAL_COORDINATOR = "appeal-coordinator";
        public static final String GROUP = "group";

        private Role() {}
    }

    /** Values of decision variables, as the forms submit them. */
    public static final class Value {
        public static final String APPROVE = "approve";
        public static final String SEND_BACK = "send-back";
        public static final String ACKNOWLEDGE = "acknowledge";
        public static final String APPEAL = "appeal";
        public static final String RESOLVED = "resolved";
        public static final String ESCALATE = "escalate";
        public static final String UPHOLD = "uphold";
        public static final String REJECT = "reject";

        private Value() {}
    }
}

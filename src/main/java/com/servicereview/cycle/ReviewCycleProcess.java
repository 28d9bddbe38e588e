package com.servicereview.cycle;

/** Process key, activity ids, variable and message names of processes/review-cycle.bpmn. */
public final class ReviewCycleProcess {

    public static final String KEY = "review-cycle";
    /** Correlated when the last review of the cycle is archived. */
    public static final String MESSAGE_REVIEWS_DONE = "CycleReviewsDone";

    private ReviewCycleProcess() {
    }

    public static final class Activity {
        public static final String PREPARE = "Task_PrepareCycle";
        public static final String LAUNCH = "Task_LaunchReviews";
        public static final String WAIT_FOR_REVIEWS = "Event_ReviewsDone";
        public static final String PROPOSE_GRADES = "Task_ProposeGrades";
        public static final String CALIBRATE = "Task_CalibrateGrades";
        public static final String APPLY_CONSEQUENCES = "Task_ApplyConsequences";
        public static final String RECTIFICATION = "Task_SubmitRectificationPlan";
        public static final String CLOSE = "Task_CloseCycle";

        private Activity() {
        }
    }

    public static final class Var {
        public static final String UNIT_ID = "unitId";
        public static final String PERIOD = "period";
        public static final String SCHEME_ID = "schemeId";
        public static final String CYCLE_ID = "cycleId";
        public static final String MORE_TO_LAUNCH = "moreToLaunch";
        public static final String ANY_ELIGIBLE = "anyEligible";
        /** The candidate group of the calibration task; an escalation moves it to the HR committee. */
        public static final String CALIBRATION_GROUP = "calibrationGroup";

        private Var() {
        }
    }
}

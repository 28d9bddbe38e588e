package com.servicereview.cycle;

/** Process key, activity ids, variable and message names of processes/review-cycle.bpmn. */
public final class ReviewCycleProcess {

    public static final String KEY = "review-cycle";
    /** processes/review-cycle-slice.bpmn: one slice of a cycle's launch, its own instance so that slices run in parallel. */
    public static final String SLICE_KEY = "review-cycle-slice";
    /** Correlated when the last review of the cycle is archived. */
    public static final String MESSAGE_REVIEWS_DONE = "CycleReviewsDone";

    private ReviewCycleProcess() {}

    public static final class Activity {
        public static final String PREPARE = "Task_PrepareCycle";
        public static final String LAUNCH = "Task_LaunchReviews";
        /** The one step of review-cycle-slice. */
        public static final String LAUNCH_SLICE = "Task_LaunchSlice";

        public static final String WAIT_FOR_REVIEWS = "Event_ReviewsDone";
        public static final String PROPOSE_GRADES = "Task_ProposeGrades";
        public static final String CALIBRATE = "Task_CalibrateGrades";
        public static final String APPLY_CONSEQUENCES = "Task_ApplyConsequences";
        public static final String RECTIFICATION = "Task_SubmitRectificationPlan";
        public static final String CLOSE = "Task_CloseCycle";

        private Activity() {}
    }

    public static final class Var {
        public static final String UNIT_ID = "unitId";
        public static final String PERIOD = "period";
        public static final String SCHEME_ID = "schemeId";
        public static final String CYCLE_ID = "cycleId";
        /** Of a review-cycle-slice instance: which slice of the members it launches (0 is the cycle's own launch step). */
        public static final String SLICE = "slice";

        public static final String ANY_ELIGIBLE = "anyEligible";
        /** The candidate group of the calibration task; an escalation moves it to the HR committee. */
        public static final String CALIBRATION_GROUP = "calibrationGroup";

        private Var() {}
    }
}

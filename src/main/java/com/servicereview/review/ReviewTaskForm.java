package com.servicereview.review;

import com.servicereview.scoring.Grade;
import com.servicereview.scoring.Scheme;
import com.servicereview.submission.TaskForm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * The server side of a review step's form: names the task after the person and the period, finds
 * the review of the instance, and shows and reads the rating slots.
 */
abstract class ReviewTaskForm extends TaskForm {

    /** Rated items per rater and scheme fit in six form slots (the largest built-in scheme needs four). */
    static final int RATING_SLOTS = 6;

    static final String GROUP_TASK_HINT = "组任务：请在“我的组任务 / My group tasks”中认领，认领后它转到“我的任务 / My tasks”。"
            + " Group task: claim it under “我的组任务 / My group tasks”; it then moves to “我的任务 / My tasks”.";

    protected final ReviewService reviews;
    protected final Ratings ratings;
    protected final ReviewViews views;

    ReviewTaskForm(ReviewService reviews, Ratings ratings, ReviewViews views) {
        super(reviews.json());
        this.reviews = reviews;
        this.ratings = ratings;
        this.views = views;
    }

    /** Tasklist's list shows what to do and for whom: "自评 / Self-review — 2026-10 — 张伟 Zhang Wei". */
    @Override
    protected void describe(DelegateTask task) {
        String employee = (String) task.getVariable("employeeName");
        String period = (String) task.getVariable(EmployeeReviewProcess.Var.PERIOD);
        String base = task.getName();
        task.setName(base + " — " + period + " — " + employee);
        String description = base + ": " + employee + ", " + period + ", " + task.getVariable("schemeName");
        // Group tasks (HR's) show only under the group filter until someone claims them.
        if (task.getAssignee() == null && !task.getCandidates().isEmpty()) {
            description += "\n" + GROUP_TASK_HINT;
        }
        task.setDescription(description);
    }

    /** From our tables, not from a variable: the instance belongs to exactly one review. */
    protected String reviewId(DelegateTask task) {
        return reviews.reviewIdOfInstance(task.getProcessInstanceId());
    }

    /** The rated items of a role as form slots rating1..6 with their score1..6, prefilled with the rater's last round. */
    protected void setRatingSlots(DelegateTask task, String reviewId, String role, String raterId) {
        // A review a cycle's launch is starting on this thread has no rating yet, and its inputs were just frozen.
        ReviewStarts.Launch.Prepared launched = ReviewStarts.launching(reviewId).orElse(null);
        Map<String, Double> previous = launched != null ? Map.of() : ratings.lastScores(reviewId, role, raterId);
        Scheme scheme =
                launched != null ? ReviewStarts.launchingScheme(reviewId).orElseThrow() : reviews.schemeOf(reviewId);
        Map<String, Double> values = launched != null ? launched.frozenValues(scheme) : views.frozenValues(reviewId);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Ratings.RatingItem item : ratings.ratingItems(scheme, role)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", item.id());
            row.put("label", item.label());
            row.put("min", item.min());
            row.put("max", item.max());
            // The rater sees the deduction the item will take (e.g. failed spot checks), with its count.
            String indicatorId = item.id().split(Ratings.RATER_SEPARATOR)[0];
            row.put(
                    "hint",
                    ReviewViews.deductionNote(scheme.indicator(indicatorId), values)
                            .map(note -> item.hint() + "\n\n**扣分 / Deduction：** " + note)
                            .orElse(item.hint()));
            rows.add(row);
        }
        setSlots(task, "rating", rows, RATING_SLOTS);
        // A score field without a variable starts empty, as with a null one (one variable fewer per item and task).
        for (int k = 1; k <= rows.size(); k++) {
            Double score = previous.get((String) rows.get(k - 1).get("id"));
            if (score != null) task.setVariableLocal("score" + k, score);
        }
    }

    /** A rater's latest scores as the other rater's form shows them: item, score, maximum. */
    protected List<Map<String, Object>> shownScores(String reviewId, String role, ReviewRepository.Rating rating) {
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Ratings.RatingItem item : ratings.ratingItems(reviews.schemeOf(reviewId), role)) {
            shown.add(Map.of("label", item.label(), "score", rating.scores().get(item.id()), "max", item.max()));
        }
        return shown;
    }

    /** The scores a rater submitted, by item id (null where a slot was left empty). */
    protected Map<String, Double> submittedScores(DelegateTask task, String role) {
        Map<String, Double> scores = new LinkedHashMap<>();
        List<Ratings.RatingItem> items = ratings.ratingItems(reviews.schemeOf(reviewId(task)), role);
        for (int k = 1; k <= items.size(); k++)
            scores.put(items.get(k - 1).id(), number(submitted(task, "score" + k), "score" + k));
        return scores;
    }

    static String label(Grade grade) {
        return grade.labelZh() + " " + grade.labelEn();
    }
}

package com.servicereview.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.servicereview.scoring.Grade;
import com.servicereview.scoring.Scheme;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import com.servicereview.security.Actors;
import com.servicereview.submission.Submitted;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/**
 * A user task's Camunda Form on the server side: on {@code create} it prepares the task-local
 * variables the form shows; on {@code complete} it checks what was submitted and writes it to our
 * tables. A rejected submission keeps the task open and Tasklist shows the message.
 */
abstract class ReviewTaskForm implements TaskListener {

    /** Rated items per rater and scheme fit in six form slots (the largest built-in scheme needs four). */
    static final int RATING_SLOTS = 6;

    protected final ReviewService reviews;
    protected final ReviewViews views;
    protected final ObjectMapper json;

    ReviewTaskForm(ReviewService reviews, ReviewViews views) {
        this.reviews = reviews;
        this.views = views;
        this.json = reviews.json();
    }

    /** A refusal (ReviewInputException) keeps the task open; the submission guard answers it with a 400. */
    @Override
    public final void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            describe(task);
            onCreate(task);
        } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            onComplete(task);
        }
    }

    protected void onCreate(DelegateTask task) {
    }

    /** Tasklist's list shows what to do and for whom: "自评 / Self-review — 2026-10 — 张伟 Zhang Wei". */
    private static void describe(DelegateTask task) {
        String employee = (String) task.getVariable("employeeName");
        String period = (String) task.getVariable("periodLabel");
        String base = task.getName();
        task.setName(base + " — " + period + " — " + employee);
        String description = base + ": " + employee + ", " + period + ", " + task.getVariable("schemeName");
        // Group tasks (HR's) show only under the group filter until someone claims them.
        if (task.getAssignee() == null && !task.getCandidates().isEmpty()) {
            description += "\n" + GROUP_TASK_HINT;
        }
        task.setDescription(description);
    }

    static final String GROUP_TASK_HINT =
            "组任务：请在“我的组任务 / My group tasks”中认领，认领后它转到“我的任务 / My tasks”。"
            + " Group task: claim it under “我的组任务 / My group tasks”; it then moves to “我的任务 / My tasks”.";

    protected abstract void onComplete(DelegateTask task);

    /** From our tables, not from a variable: the instance belongs to exactly one review. */
    protected String reviewId(DelegateTask task) {
        return reviews.reviewIdOfInstance(task.getProcessInstanceId());
    }

    protected static String actor(DelegateTask task) {
        return Actors.of(task);
    }

    protected void setJsonLocal(DelegateTask task, String name, Object value) {
        task.setVariableLocal(name, FormData.json(json, value));
    }

    /**
     * A person's text shown on another's form. Camunda keeps a String variable in a 4,000-character
     * column; as a JSON string it goes to the byte-array table, so a long comment shows in full.
     */
    protected void setTextLocal(DelegateTask task, String name, String text) {
        task.setVariableLocal(name, text == null ? null : FormData.json(json, text));
    }

    protected String required(DelegateTask task, String field, String what) {
        String value = FormData.text(submitted(task, field));
        if (value == null || value.isEmpty()) {
            // The submission guard puts the form's label in front ("「自评说明 / Self-review comment」").
            throw new ReviewInputException(field + ": 请填写 / " + what + " is required");
        }
        return value;
    }

    /**
     * Tasklist cannot complete a form-js form with a dynamic list (it counts the list's empty error
     * entries as errors), so lists are shown as fixed slots: {@code <prefix>1..n} describe a row,
     * the form hides the slots that are absent.
     */
    protected void setSlots(DelegateTask task, String prefix, List<? extends Map<String, Object>> rows, int slots) {
        if (rows.size() > slots) {
            throw new IllegalStateException(task.getTaskDefinitionKey() + ": " + rows.size() + " rows, the form has " + slots + " slots");
        }
        for (int k = 1; k <= rows.size(); k++) setJsonLocal(task, prefix + k, rows.get(k - 1));
    }

    /** The rated items of a role as form slots rating1..6 with their score1..6, prefilled with the rater's last round. */
    protected void setRatingSlots(DelegateTask task, String reviewId, String role, String raterId) {
        Map<String, Double> previous = reviews.lastScores(reviewId, role, raterId);
        Scheme scheme = reviews.schemeOf(reviewId);
        Map<String, Double> values = views.frozenValues(reviewId);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ReviewService.RatingItem item : reviews.ratingItems(scheme, role)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", item.id());
            row.put("label", item.label());
            row.put("min", item.min());
            row.put("max", item.max());
            // The rater sees the deduction the item will take (e.g. failed spot checks), with its count.
            String indicatorId = item.id().split(ReviewService.RATER_SEPARATOR)[0];
            row.put("hint", ReviewViews.deductionNote(scheme.indicator(indicatorId), values)
                    .map(note -> item.hint() + "\n\n**扣分 / Deduction：** " + note).orElse(item.hint()));
            rows.add(row);
        }
        setSlots(task, "rating", rows, RATING_SLOTS);
        for (int k = 1; k <= rows.size(); k++) task.setVariableLocal("score" + k, previous.get((String) rows.get(k - 1).get("id")));
    }

    /** The scores a rater submitted, by item id (null where a slot was left empty). */
    protected Map<String, Double> submittedScores(DelegateTask task, String role) {
        Map<String, Double> scores = new LinkedHashMap<>();
        List<ReviewService.RatingItem> items = reviews.ratingItems(reviews.schemeOf(reviewId(task)), role);
        for (int k = 1; k <= items.size(); k++) scores.put(items.get(k - 1).id(), number(submitted(task, "score" + k), "score" + k));
        return scores;
    }

    /** What the completion submitted for a form field, else the value the task was created with. */
    protected static Object submitted(DelegateTask task, String name) {
        return Submitted.value(task, name);
    }

    protected static Double number(Object value, String field) {
        if (value == null) return null;
        if (value instanceof Number n) return n.doubleValue();
        try {
            return Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new ReviewInputException(field + ": '" + value + "' is not a number");
        }
    }

    static String label(Grade grade) {
        return grade.labelZh() + " " + grade.labelEn();
    }
}

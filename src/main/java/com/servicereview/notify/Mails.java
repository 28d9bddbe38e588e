package com.servicereview.notify;

import com.servicereview.scoring.Grade;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The texts of every notification: subject in both languages, body in Chinese first, then English. */
@Component
@WhenMailConfigured
class Mails {

    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final NotificationProperties properties;

    Mails(NotificationProperties properties) {
        this.properties = properties;
    }

    /** What a task notification needs to know about its task. */
    record TaskFacts(String taskId, String name, Date due, String escalatedFrom) {}

    Notification task(Kind kind, String recipient, TaskFacts task) {
        String link = properties.taskLink(task.taskId());
        String due = due(task.due());
        return switch (kind) {
            case TASK_ASSIGNED ->
                new Notification(
                        recipient,
                        kind,
                        task.taskId(),
                        "新任务 / New task: " + task.name(),
                        "您有一项新任务：" + task.name() + "\n截止时间：" + due + "\n在 Tasklist 中打开：" + link,
                        "You have a new task: " + task.name() + "\nDue: " + due + "\nOpen it in Tasklist: " + link,
                        link);
            case TASK_OFFERED ->
                new Notification(
                        recipient,
                        kind,
                        task.taskId(),
                        "待认领任务 / Task for your group: " + task.name(),
                        "您所在的组有一项待认领的任务：" + task.name() + "\n截止时间：" + due + "\n请在 Tasklist 的“我的组任务”中认领：" + link,
                        "A task for your group is waiting to be claimed: " + task.name() + "\nDue: " + due
                                + "\nClaim it under \"My group tasks\" in Tasklist: " + link,
                        link);
            case TASK_ESCALATED ->
                new Notification(
                        recipient,
                        kind,
                        task.taskId(),
                        "逾期任务已升级给您 / Overdue task escalated to you: " + task.name(),
                        "任务“" + task.name() + "”已逾期（原负责人：" + task.escalatedFrom() + "），现转交给您处理。" + "\n新的截止时间：" + due
                                + "\n在 Tasklist 中打开：" + link,
                        "The task \"" + task.name() + "\" was overdue (with " + task.escalatedFrom()
                                + ") and has been escalated to you.\nNew due date: " + due + "\nOpen it in Tasklist: "
                                + link,
                        link);
            case REMINDER ->
                new Notification(
                        recipient,
                        kind,
                        task.taskId(),
                        "提醒 / Reminder: " + task.name(),
                        "请在 " + due + " 前完成任务：" + task.name() + "\n在 Tasklist 中打开：" + link,
                        "Please complete by " + due + ": " + task.name() + "\nOpen it in Tasklist: " + link,
                        link);
            default -> throw new IllegalArgumentException(kind + " is not about a task");
        };
    }

    Notification resultReady(String recipient, TaskFacts task, String period, BigDecimal total, String grade) {
        String link = properties.taskLink(task.taskId());
        String due = due(task.due());
        Grade g = grade == null ? null : Grade.valueOf(grade);
        return new Notification(
                recipient,
                Kind.RESULT_READY,
                task.taskId(),
                "考核结果已出 / Your review result is ready: " + period,
                "您 " + period + " 的考核结果：总分 " + total + "，等级 " + (g == null ? "—" : g.labelZh()) + "。" + "\n请在 " + due
                        + " 前确认结果或提出申诉（逾期未处理视为确认）：" + link,
                "Your result for " + period + ": total " + total + ", grade " + (g == null ? "—" : g.labelEn()) + "."
                        + "\nPlease acknowledge it or appeal by " + due + " (no answer counts as acknowledged): "
                        + link,
                link);
    }

    /** The outcome of an employee's appeal. */
    record AppealOutcome(
            String reviewId,
            String status,
            String decidedBy,
            String reason,
            BigDecimal oldTotal,
            BigDecimal newTotal,
            String newGrade) {}

    Notification appealDecided(String recipient, AppealOutcome appeal) {
        String link = properties.reviewLink(appeal.reviewId());
        String zh;
        String en;
        switch (appeal.status()) {
            case "RESCORED", "UPHELD" -> {
                Grade grade = Grade.valueOf(appeal.newGrade());
                zh = "您的申诉已被采纳（" + appeal.decidedBy() + "）。\n理由：" + appeal.reason() + "\n重新计分：" + appeal.oldTotal()
                        + " → " + appeal.newTotal() + "，等级 " + grade.labelZh() + "。";
                en = "Your appeal was upheld (" + appeal.decidedBy() + ").\nReason: " + appeal.reason()
                        + "\nRe-scored: " + appeal.oldTotal() + " → " + appeal.newTotal() + ", grade " + grade.labelEn()
                        + ".";
            }
            case "RESOLVED_BY_DEPARTMENT" -> {
                zh = "您的申诉已由部门协调解决（" + appeal.decidedBy() + "），分数不变：" + appeal.newTotal() + "。\n说明：" + appeal.reason();
                en = "Your appeal was resolved by the department (" + appeal.decidedBy() + "); the score stays "
                        + appeal.newTotal() + ".\nNote: " + appeal.reason();
            }
            default -> {
                zh = "您的申诉未被采纳（" + appeal.decidedBy() + "），分数不变：" + appeal.newTotal() + "。\n理由：" + appeal.reason();
                en = "Your appeal was rejected (" + appeal.decidedBy() + "); the score stays " + appeal.newTotal()
                        + ".\nReason: " + appeal.reason();
            }
        }
        return new Notification(
                recipient,
                Kind.APPEAL_DECIDED,
                null,
                "申诉结果 / Appeal decided: " + appeal.reviewId(),
                zh + "\n考核记录：" + link,
                en + "\nThe review: " + link,
                link);
    }

    Notification digest(String recipient, List<Outbox.Queued> items) {
        String zh =
                items.stream().map(n -> "【" + n.subject() + "】\n" + n.bodyZh()).collect(Collectors.joining("\n\n"));
        String en =
                items.stream().map(n -> "[" + n.subject() + "]\n" + n.bodyEn()).collect(Collectors.joining("\n\n"));
        return new Notification(
                recipient,
                Kind.DIGEST,
                null,
                "每日汇总 / Daily digest: " + items.size() + " 条通知 / notifications",
                "今日通知 " + items.size() + " 条：\n\n" + zh,
                items.size() + " notifications today:\n\n" + en,
                properties.baseUrl() + "/camunda/app/tasklist/");
    }

    private String due(Date due) {
        return due == null ? "—" : DUE.format(due.toInstant().atZone(properties.zone()));
    }
}

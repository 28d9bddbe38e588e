package com.servicereview.review;

import static com.servicereview.review.EmployeeReviewProcess.Activity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.servicereview.deadline.Deadlines;
import com.servicereview.submission.SubmissionRefused;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.Test;

/**
 * One test per path of employee-review (domain §2–§4). zhangwei (team as1) is reviewed: supervisor
 * lina, indirect supervisor and department head wangjianguo, group reviewers chengang and zhaolei.
 * The measured KPIs are worth 66 points; the rated 专业技能、接听质量 (0–30) makes up the rest.
 */
class EmployeeReviewPathsTest extends ReviewProcessTestSupport {

    private ProcessInstance startRated(String period) {
        kpis("zhangwei", period);
        ProcessInstance pi = start("zhangwei", period);
        assertThat(pi).isWaitingAt(Activity.COLLECT_DATA);
        runJob(pi, Activity.COLLECT_DATA);
        return pi;
    }

    @Override
    protected void approve(ProcessInstance pi) {
        assertThat(task(pi, Activity.INDIRECT_REVIEW)).isAssignedTo("wangjianguo");
        super.approve(pi);
    }

    @Test
    void straightApproval() {
        ProcessInstance pi = startRated("2024-01");
        assertThat(pi).isWaitingAt(Activity.SELF_REVIEW, Activity.GROUP_REVIEW);
        Task self = task(pi, Activity.SELF_REVIEW);
        assertThat(self).isAssignedTo("zhangwei");
        assertThat(self.getName()).isEqualTo("自评 / Self-review — 2024-01 — 张伟 Zhang Wei");
        assertThat(self.getDueDate()).isNotNull();
        assertThat(tasks(pi, Activity.GROUP_REVIEW))
                .extracting(Task::getAssignee)
                .containsExactlyInAnyOrder("chengang", "zhaolei");

        // all 24 of 30 → 66 + 24 = 90, EXCELLENT for self, supervisor and the combined result
        rate(pi, 24, 24, 24);
        approve(pi);
        assertThat(pi)
                .hasPassed(Activity.DECIDE_INTERVIEW)
                .hasNotPassed(Activity.HOLD_INTERVIEW, Activity.SELF_REEVALUATION);
        assertThat(pi).variables().containsEntry("finalTotal", 90.0).containsEntry("finalGrade", "EXCELLENT");
        acknowledge(pi);

        assertThat(pi).isEnded().hasPassed(Activity.ARCHIVE);
        String reviewId = "zhangwei:2024-01:cs-staff-monthly";
        assertThat(count("select count(*) from review.rating where review_id = ?", reviewId))
                .isEqualTo(4);
        assertThat(jdbc.sql("select total from review.score where review_id = ? and version = 1")
                        .param(reviewId)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("90.00");
        assertThat(count("select count(*) from review.archive where review_id = ?", reviewId))
                .isEqualTo(1);
        assertThat(jdbc.sql("select status from review.review where id = ?")
                        .param(reviewId)
                        .query(String.class)
                        .single())
                .isEqualTo("ARCHIVED");
    }

    @Test
    void gapThenSelfReevaluationReachesAgreement() {
        ProcessInstance pi = startRated("2024-02");
        // self 30 → 96 OUTSTANDING, supervisor 20 → 86 EXCELLENT: P7, the employee re-evaluates
        rate(pi, 30, 20, 20);
        Task reevaluate = task(pi, Activity.SELF_REEVALUATION);
        assertThat(reevaluate).isAssignedTo("zhangwei");
        assertThat(engine.getTaskService().getVariable(reevaluate.getId(), "reevaluationRound"))
                .isEqualTo(1);
        // self 21 → 87, same grade as 86 and within 10 points
        complete(reevaluate, scored(reevaluate, 21), "selfComment", "重新评估 / re-evaluated");
        assertThat(pi).isWaitingAt(Activity.INDIRECT_REVIEW).hasNotPassed(Activity.SUPERVISOR_REEVALUATION);
        assertThat(count(
                        "select count(*) from review.rating where review_id = ? and rater_role = 'self'",
                        "zhangwei:2024-02:cs-staff-monthly"))
                .isEqualTo(2);
    }

    @Test
    void gapThatPersistsEndsInAnInterview() {
        ProcessInstance pi = startRated("2024-03");
        rate(pi, 30, 10, 20); // 96 vs 76
        Task reevaluate = task(pi, Activity.SELF_REEVALUATION);
        // the employee sees the supervisor's view: total, scores and comment
        assertThat(engine.getTaskService()
                        .getVariableLocal(reevaluate.getId(), "supervisorRatings")
                        .toString())
                .contains("\"score\":10");
        assertThat(engine.getTaskService()
                        .getVariableLocal(reevaluate.getId(), "supervisorComment")
                        .toString())
                .contains("表现稳定");
        complete(reevaluate, scored(reevaluate, 29), "selfComment", "坚持 / I stand by it"); // 95 vs 76
        Task supervisor = task(pi, Activity.SUPERVISOR_REEVALUATION);
        assertThat(supervisor).isAssignedTo("lina");
        assertThat((String) engine.getTaskService().getVariableLocal(supervisor.getId(), "reevaluationReason"))
                .contains("differ in grade")
                .doesNotContain("Sent back");
        // the written explanation to the indirect supervisor is required
        assertThatThrownBy(() -> complete(supervisor, scored(supervisor, 12), "supervisorComment", "复核"))
                .isInstanceOf(SubmissionRefused.class)
                .hasMessageContaining("gapExplanation");
        complete(
                supervisor,
                scored(supervisor, 12),
                "supervisorComment",
                "复核",
                "gapExplanation",
                "抽查录音显示服务用语不规范 / spot checks show non-standard wording");
        assertThat(pi).variables().containsEntry("gapPersists", true);
        approve(pi);
        Task interview = task(pi, Activity.HOLD_INTERVIEW);
        assertThat(interview).isAssignedTo("lina");
        assertThat((String) engine.getTaskService().getVariableLocal(interview.getId(), "interviewReason"))
                .startsWith("P7");
        complete(
                interview,
                "interviewStrengths",
                "响应快",
                "interviewProblems",
                "用语不规范",
                "interviewPlan",
                "每周复盘录音",
                "interviewEmployeeView",
                "同意改进",
                "interviewActions",
                "培训两次",
                "interviewDate",
                "2024-04-03");
        assertThat(count(
                        "select count(*) from review.interview where review_id = ?",
                        "zhangwei:2024-03:cs-staff-monthly"))
                .isEqualTo(1);
        acknowledge(pi);
        assertThat(pi).isEnded();
    }

    @Test
    void outstandingNeedsAnInterviewWithSupportingFacts() {
        ProcessInstance pi = startRated("2024-04");
        rate(pi, 30, 30, 30); // 96 OUTSTANDING everywhere
        approve(pi);
        assertThat(pi).variables().containsEntry("finalGrade", "OUTSTANDING");
        Task interview = task(pi, Activity.HOLD_INTERVIEW);
        assertThat(engine.getTaskService().getVariable(interview.getId(), "factsRequired"))
                .isEqualTo(true);
        Object[] record = {
            "interviewStrengths",
            "全月零投诉",
            "interviewProblems",
            "无",
            "interviewPlan",
            "带教新人",
            "interviewEmployeeView",
            "感谢认可",
            "interviewActions",
            "推荐优秀员工",
            "interviewDate",
            "2024-05-02"
        };
        assertThatThrownBy(() -> complete(interview, record)).hasMessageContaining("supportingFacts");
        Object[] future = record.clone();
        future[future.length - 1] = LocalDate.now().plusDays(1).toString();
        assertThatThrownBy(() -> complete(interview, with(future, "supportingFacts", "表扬信3封")))
                .hasMessageContaining("interviewDate")
                .hasMessageContaining("future");
        Object[] withFacts = with(record, "supportingFacts", "客户表扬信3封，抽查全部合格");
        complete(interview, withFacts);
        assertThat(pi).isWaitingAt(Activity.ACKNOWLEDGE_RESULT);
    }

    /** Issue: the self total showed 85 with "Professional skill 19.98 / 30" and no trace of the −2 for a failed spot check. */
    @Test
    void theSpotCheckDeductionAndEachRatersScoreAreShown() {
        kpis("zhangwei", "2016-07");
        jdbc.sql(
                        "update review.kpi_value set value = 1 where employee_id = 'zhangwei' and period = '2016-07' and input_key = 'failed-spot-checks'")
                .update();
        ProcessInstance pi = start("zhangwei", "2016-07");
        runJob(pi, Activity.COLLECT_DATA);
        Task self = task(pi, Activity.SELF_REVIEW);
        assertThat(engine.getTaskService()
                        .getVariableLocal(self.getId(), "rating1")
                        .toString())
                .contains("扣分 / Deduction", "1 次 → −2");
        rate(pi, 27, 24, 25);
        approve(pi);
        Task acknowledge = task(pi, Activity.ACKNOWLEDGE_RESULT);
        String summary = engine.getTaskService()
                .getVariableLocal(acknowledge.getId(), "resultSummary")
                .toString();
        assertThat(summary).contains("自评 Self 27（15%）", "主管 Supervisor 24（60%）", "小组 Group 25（25%）", "1 次 → −2");
    }

    @Test
    void indirectSupervisorSendsBack() {
        ProcessInstance pi = startRated("2024-05");
        rate(pi, 24, 24, 24);
        Task indirect = task(pi, Activity.INDIRECT_REVIEW);
        assertThatThrownBy(() -> complete(indirect, "indirectDecision", "send-back"))
                .hasMessageContaining("indirectReason");
        complete(indirect, "indirectDecision", "send-back", "indirectReason", "请核对抽查记录 / check the spot-check records");
        Task revise = task(pi, Activity.SUPERVISOR_REEVALUATION);
        // the supervisor is told why: on the form, in the task's description and in its history
        assertThat((String) engine.getTaskService().getVariableLocal(revise.getId(), "reevaluationReason"))
                .contains("退回", "Sent back", "王建国 Wang Jianguo", "请核对抽查记录 / check the spot-check records");
        assertThat(revise.getDescription()).contains("请核对抽查记录");
        assertThat(engine.getTaskService().getTaskComments(revise.getId()))
                .anySatisfy(comment -> assertThat(comment.getFullMessage()).contains("请核对抽查记录"));
        complete(revise, scored(revise, 22), "supervisorComment", "已核对", "gapExplanation", "抽查一次不合格");
        approve(pi);
        // self 24, supervisor 22, group 24: 0.15 × 24 + 0.60 × 22 + 0.25 × 24 = 22.8 → 88.80
        assertThat(pi).variables().containsEntry("finalTotal", 88.8);
        assertThat(count(
                        "select count(*) from review.decision where review_id = ? and outcome = 'send-back'",
                        "zhangwei:2024-05:cs-staff-monthly"))
                .isEqualTo(1);
    }

    private ProcessInstance atAcknowledge(String period) {
        ProcessInstance pi = startRated(period);
        rate(pi, 24, 24, 24);
        approve(pi);
        return pi;
    }

    @Test
    void appealResolvedByTheDepartmentHead() {
        ProcessInstance pi = atAcknowledge("2024-06");
        Task ack = task(pi, Activity.ACKNOWLEDGE_RESULT);
        assertThatThrownBy(() -> complete(ack, "ackDecision", "appeal")).hasMessageContaining("appealFacts");
        complete(ack, "ackDecision", "appeal", "appealFacts", "6月回访数据漏记了3条 / three revisits were not counted");
        Task coordinate = task(pi, Activity.COORDINATE_APPEAL);
        assertThat(coordinate).isAssignedTo("wangjianguo");
        complete(
                coordinate,
                "coordinationOutcome",
                "resolved",
                "coordinationNote",
                "已与员工沟通，数据无误 / explained, data correct");
        runJob(pi, Activity.ARCHIVE);
        assertThat(pi).isEnded().hasNotPassed(Activity.DECIDE_APPEAL);
        assertThat(jdbc.sql("select status from review.appeal where review_id = ?")
                        .param("zhangwei:2024-06:cs-staff-monthly")
                        .query(String.class)
                        .single())
                .isEqualTo("RESOLVED_BY_DEPARTMENT");
    }

    @Test
    void appealEscalatedToHrAndUpheldReScores() {
        ProcessInstance pi = atAcknowledge("2024-07");
        complete(
                task(pi, Activity.ACKNOWLEDGE_RESULT),
                "ackDecision",
                "appeal",
                "appealFacts",
                "投诉为客户误投 / the complaint was misfiled");
        complete(task(pi, Activity.COORDINATE_APPEAL), "coordinationOutcome", "escalate", "coordinationNote", "员工仍有异议");
        // appeal-decider: EXCELLENT goes to an HR specialist
        assertThat(pi).variables().containsEntry("appealDeciderGroup", "hr");
        Task decide = task(pi, Activity.DECIDE_APPEAL);
        assertThat(engine.getTaskService().getIdentityLinksForTask(decide.getId()))
                .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("hr"));
        engine.getTaskService().claim(decide.getId(), "zhaomin");
        complete(
                decide,
                "appealDecision",
                "uphold",
                "appealDecisionReason",
                "投诉系误投，已核实 / misfiled, verified",
                "corrected" + slot(decide, "correction", "complaint-rate"),
                0);
        runJob(pi, Activity.RESCORE_APPEAL);
        runJob(pi, Activity.ARCHIVE);
        assertThat(pi).isEnded();
        // complaint rate 0 → 20 instead of 18: 90 → 92
        String reviewId = "zhangwei:2024-07:cs-staff-monthly";
        assertThat(jdbc.sql("select total from review.score where review_id = ? and version = 2")
                        .param(reviewId)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("92.00");
        assertThat(jdbc.sql(
                                "select changed_by || ' | ' || reason from review.score where review_id = ? and version = 2")
                        .param(reviewId)
                        .query(String.class)
                        .single())
                .isEqualTo("zhaomin | appeal upheld: 投诉系误投，已核实 / misfiled, verified");
        assertThat(jdbc.sql("select final_total from review.review where id = ?")
                        .param(reviewId)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("92.00");
        assertThat(count(
                        "select count(*) from review.audit_event where subject = ? and action = 'review.rescored'"
                                + " and detail->>'oldTotal' = '90.0' and detail->>'newTotal' = '92.0'",
                        reviewId))
                .isEqualTo(1);
    }

    @Test
    void silenceWithinTheAppealWindowCountsAsAcknowledged() {
        ProcessInstance pi = atAcknowledge("2024-08");
        runJob(pi, Activity.APPEAL_WINDOW_EXPIRED);
        runJob(pi, Activity.ARCHIVE);
        assertThat(pi).isEnded().hasPassed(Activity.APPEAL_WINDOW_EXPIRED);
        assertThat(count(
                        "select count(*) from review.decision where review_id = ? and outcome = 'acknowledged-by-silence'",
                        "zhangwei:2024-08:cs-staff-monthly"))
                .isEqualTo(1);
    }

    @Test
    void reminderThenEscalationToTheNextLevel() {
        String reviewId = "zhangwei:2024-09:cs-staff-monthly";
        ProcessInstance pi = startRated("2024-09");
        Task self = task(pi, Activity.SELF_REVIEW);
        runReminder(self);
        assertThat(engine.getTaskService().getTaskComments(self.getId()))
                .singleElement()
                .satisfies(c -> assertThat(c.getFullMessage()).startsWith("提醒 / Reminder"));
        assertThat(count(
                        "select count(*) from review.audit_event where subject = ? and action = 'review.reminder'"
                                + " and detail->>'taskId' = '" + self.getId() + "'",
                        reviewId))
                .isEqualTo(1);
        assertThat(task(pi, Activity.SELF_REVIEW).getId()).isEqualTo(self.getId());

        runEscalation(self);
        // the same task, handed one level up: nothing is interrupted or created again
        Task escalated = task(pi, Activity.SELF_REVIEW);
        assertThat(escalated.getId()).isEqualTo(self.getId());
        assertThat(escalated).isAssignedTo("lina");
        assertThat(jdbc.sql("select user_id from review.participant where review_id = ? and role = 'self'")
                        .param(reviewId)
                        .query(String.class)
                        .list())
                .containsExactly("lina");
        assertThat(count(
                        "select count(*) from review.decision where review_id = ? and outcome = 'escalated'", reviewId))
                .isEqualTo(1);
        assertThat(count(
                        "select count(*) from review.audit_event where subject = ? and action = 'task.escalated'"
                                + " and detail->>'from' = 'zhangwei' and detail->>'to' = 'lina'",
                        reviewId))
                .isEqualTo(1);
        // the escalated task is done (no escalation left, no reminder again) and the review goes on from it
        assertThat(engine.getManagementService()
                        .createJobQuery()
                        .executionId(self.getExecutionId())
                        .timers()
                        .count())
                .isZero();
    }

    @Test
    void dueDatesAndDeadlinesComeFromTheConfigurationWithCalendarMonths() {
        ZonedDateTime now = ZonedDateTime.of(2024, 1, 31, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai"));
        assertThat(Deadlines.plus(now, "P1M")).isEqualTo(now.withMonth(2).withDayOfMonth(29));
        assertThat(Deadlines.plus(now, "P1DT12H")).isEqualTo(now.plusHours(36));
        assertThat(Deadlines.plus(now, "PT5M")).isEqualTo(now.plusMinutes(5));
        assertThat(Deadlines.plus(now, "P2W")).isEqualTo(now.plusDays(14));

        ProcessInstance pi = startRated("2023-07");
        Task self = task(pi, Activity.SELF_REVIEW);
        // default: remind after 3 days, due (and escalated) after 5
        assertThat(self.getDueDate()).isCloseTo(Date.from(Instant.now().plus(Duration.ofDays(5))), 60_000);
        List<Date> timers = engine
                .getManagementService()
                .createJobQuery()
                .executionId(self.getExecutionId())
                .timers()
                .orderByJobDuedate()
                .asc()
                .list()
                .stream()
                .map(Job::getDuedate)
                .toList();
        assertThat(timers).hasSize(2);
        assertThat(timers.get(0)).isCloseTo(Date.from(Instant.now().plus(Duration.ofDays(3))), 60_000);
        assertThat(timers.get(1)).isCloseTo(self.getDueDate(), 1_000);
    }

    @Test
    void eachGroupReviewerEscalatesOnTheirOwn() {
        String reviewId = "zhangwei:2023-08:cs-staff-monthly";
        ProcessInstance pi = startRated("2023-08");
        List<Task> group = tasks(pi, Activity.GROUP_REVIEW);
        assertThat(group).hasSizeGreaterThan(1);
        Task late = group.get(0);
        runEscalation(late);
        String next = engine.getTaskService()
                .createTaskQuery()
                .taskId(late.getId())
                .singleResult()
                .getAssignee();
        assertThat(next).isNotEqualTo(late.getAssignee());
        List<String> reviewers = jdbc.sql(
                        "select user_id from review.participant where review_id = ? and role = 'group'")
                .param(reviewId)
                .query(String.class)
                .list();
        assertThat(reviewers).contains(next).doesNotContain(late.getAssignee());
        // the other reviewers keep their tasks
        for (Task other : group.subList(1, group.size())) {
            assertThat(engine.getTaskService()
                            .createTaskQuery()
                            .taskId(other.getId())
                            .singleResult())
                    .isAssignedTo(other.getAssignee());
        }
    }

    @Test
    void missingDataGoesToHrAndTheReviewGoesOn() {
        // huangqiang has no revisit completion for the period
        kpis("huangqiang", "2024-10");
        jdbc.sql(
                        "delete from review.kpi_value where employee_id = 'huangqiang' and period = '2024-10' and input_key = 'revisit-completion'")
                .update();
        ProcessInstance pi = start("huangqiang", "2024-10");
        runJob(pi, Activity.COLLECT_DATA);
        Task supply = task(pi, Activity.SUPPLY_DATA);
        assertThat(engine.getTaskService().getIdentityLinksForTask(supply.getId()))
                .anySatisfy(l -> assertThat(l.getGroupId()).isEqualTo("hr"));
        // the form names the input, not its key, and gives its unit once, with its range
        assertThat((String) engine.getRuntimeService().getVariable(pi.getId(), "missingReason"))
                .contains("回访完成率 Revisit completion rate")
                .doesNotContain("revisit-completion");
        assertThat(slot(supply, "missing", "revisit-completion")).isEqualTo(1);
        assertThat(engine.getTaskService()
                        .getVariableLocal(supply.getId(), "missing1")
                        .toString())
                .contains("%，0–100 / percent, 0–100")
                .doesNotContain("(percent)");
        engine.getTaskService().claim(supply.getId(), "zhaomin");
        assertThatThrownBy(() -> complete(supply, "value1", 97)).hasMessageContaining("dataSource");
        assertThatThrownBy(() -> complete(supply, "value1", 150, "dataSource", "回访系统 / revisit system"))
                .hasMessageContaining("must be at most 100");
        complete(supply, "value1", 97, "dataSource", "回访系统导出 2024-11-02 / revisit system export");
        runJob(pi, Activity.COLLECT_DATA);
        assertThat(pi).isWaitingAt(Activity.SELF_REVIEW, Activity.GROUP_REVIEW);
        assertThat(jdbc.sql(
                                "select source from review.kpi_value where employee_id = 'huangqiang' and period = '2024-10' and input_key = 'revisit-completion'")
                        .query(String.class)
                        .single())
                .startsWith("hr:zhaomin");
    }

    @Test
    void aPersonWithoutSupervisorIsRefusedAtTheStart() {
        // 赵敏 (HR) has no direct supervisor in the org model: nobody could do the supervisor review
        kpis("zhaomin", "2024-11");
        assertThatThrownBy(() -> start("zhaomin", "2024-11"))
                .isInstanceOf(SubmissionRefused.class)
                .hasMessageContaining("no direct supervisor");
        assertThat(engine.getRuntimeService()
                        .createProcessInstanceQuery()
                        .processInstanceBusinessKeyLike("zhaomin:%")
                        .count())
                .isZero();
        assertThat(jdbc.sql("select count(*) from review.review where employee_id = 'zhaomin'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aFailingServiceTaskBecomesAnIncidentAndRecoversOnRetry() {
        // The org model changes after the start: 王芳's supervisor is removed, so the data step cannot name her reviewers
        kpis("wangfang", "2024-11");
        ProcessInstance pi = start("wangfang", "2024-11");
        Job job = engine.getManagementService()
                .createJobQuery()
                .processInstanceId(pi.getId())
                .singleResult();
        jdbc.sql("update review.employee set supervisor_id = null where id = 'wangfang'")
                .update();
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
                        .hasMessageContaining("no direct supervisor");
            }
            Incident incident = engine.getRuntimeService()
                    .createIncidentQuery()
                    .processInstanceId(pi.getId())
                    .singleResult();
            assertThat(incident).isNotNull();
            assertThat(incident.getActivityId()).isEqualTo(Activity.COLLECT_DATA);
            assertThat(incident.getIncidentMessage()).contains("no direct supervisor");
        } finally {
            jdbc.sql("update review.employee set supervisor_id = 'lina' where id = 'wangfang'")
                    .update();
        }
        engine.getManagementService().setJobRetries(job.getId(), 1);
        engine.getManagementService().executeJob(job.getId());
        assertThat(pi).isWaitingAt(Activity.SELF_REVIEW);
        assertThat(engine.getRuntimeService()
                        .createIncidentQuery()
                        .processInstanceId(pi.getId())
                        .count())
                .isZero();
    }

    @Test
    void tasklistsStartFormIsCheckedAndNamesTheInstanceByItsReview() {
        String definition = engine.getRepositoryService()
                .createProcessDefinitionQuery()
                .processDefinitionKey(EmployeeReviewProcess.KEY)
                .latestVersion()
                .singleResult()
                .getId();
        assertThatThrownBy(() -> engine.getFormService()
                        .submitStartForm(
                                definition,
                                Map.of("employeeId", "zhangwei", "period", "2024-13", "schemeId", "cs-staff-monthly")))
                .hasMessageContaining("period: ")
                .hasMessageContaining("must be a month");
        assertThatThrownBy(() -> engine.getFormService()
                        .submitStartForm(
                                definition,
                                Map.of("employeeId", "nobody", "period", "2024-12", "schemeId", "cs-staff-monthly")))
                .hasMessageContaining("unknown employee 'nobody'");
        ProcessInstance pi = engine.getFormService()
                .submitStartForm(
                        definition,
                        Map.of("employeeId", "wangfang", "period", "2024-12", "schemeId", "cs-staff-monthly"));
        assertThat(pi.getBusinessKey()).isEqualTo("wangfang:2024-12:cs-staff-monthly");
        assertThat(pi).isWaitingAt(Activity.COLLECT_DATA);
        assertThatThrownBy(() -> engine.getFormService()
                        .submitStartForm(
                                definition,
                                Map.of("employeeId", "wangfang", "period", "2024-12", "schemeId", "cs-staff-monthly")))
                .hasMessageContaining("already exists");
    }

    @Test
    void serviceTasksAreSavePointsWithRetries() {
        var model = engine.getRepositoryService()
                .getBpmnModelInstance(engine.getRepositoryService()
                        .createProcessDefinitionQuery()
                        .processDefinitionKey(EmployeeReviewProcess.KEY)
                        .latestVersion()
                        .singleResult()
                        .getId());
        List<ServiceTask> services = List.copyOf(model.getModelElementsByType(ServiceTask.class));
        assertThat(services)
                .allSatisfy(
                        s -> assertThat(s.isCamundaAsyncBefore()).as(s.getId()).isTrue());
        // retries are the engine's default, not repeated per element
        assertThat(services)
                .allSatisfy(
                        s -> assertThat(s.getExtensionElements()).as(s.getId()).isNull());
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                        .getFailedJobRetryTimeCycle())
                .isEqualTo("R3/PT5M");
    }
}

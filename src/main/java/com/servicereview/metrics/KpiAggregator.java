package com.servicereview.metrics;

import com.servicereview.audit.AuditLog;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Computes the KPI inputs of one period from the raw records, in SQL: one statement that reads the month's
 * ticket and session totals per employee ({@code TICKET_TOTALS}, {@code SESSION_TOTALS}; kept by each import that
 * stores records, {@link MonthTotals}), derives every family of KPIs from those totals and the smaller tables, and writes them into
 * {@code review.kpi_value} (events into {@code review.kpi_event}) with source {@code metrics:<importId>}
 * or {@code metrics:aggregate}.
 * <p>
 * Recomputing a period replaces every value an earlier computation wrote (source {@code metrics:…})
 * in one transaction, so it is idempotent and a value whose data disappeared does not linger.
 * Values HR entered or corrected (source {@code hr:…}) always win and are never overwritten, and
 * HR's events of a type replace ours of that type. A KPI whose denominator is empty (no tickets, no
 * attendance…) is not written: the review's data step then asks HR instead of scoring a silent 0.
 * Rates are percentages 0..100, durations seconds (hours where the scheme says so), amounts yuan;
 * values are kept to 4 decimals. A record counts in the month of its date (opened_at, started_at…).
 */
@Service
public class KpiAggregator {

    /** What one recomputation wrote: {@code agents} is how many employees have values of this source for the period. */
    public record Result(
            String period,
            String source,
            int agents,
            int values,
            Map<String, Integer> valuesByFamily,
            int events,
            long millis) {}

    /**
     * The month's tickets per employee (opened in the month): what the ticket, response and complaint KPIs need. From
     * the month totals ({@link MonthTotals}), not by grouping the month's tickets again.
     */
    private static final String TICKET_TOTALS = """
            select employee_id, opened, resolved, first_contact, resolved_hours / nullif(resolved, 0) as hours,
                   after_sales, after_sales_kept, recurred, response_seconds, responses
              from review.ticket_month_total
             where period = :fromDate
            """;

    /**
     * The month's sessions per employee (started in the month), from the month totals ({@link MonthTotals}); a session
     * was replied to / answered unless it was abandoned (a transferred one was answered first).
     */
    private static final String SESSION_TOTALS = """
            select employee_id, chats, chats_replied, chat_reply_seconds / nullif(chat_replies_timed, 0) as chat_reply_seconds,
                   calls_in, calls_answered, handled, transferred, calls, inquiries, inquiries_ordered, inquiries_paid,
                   orders, payments, paid_amount, response_seconds, responses
              from review.session_month_total
             where period = :fromDate
            """;

    /*
     * Tickets 工单 count in the month they were opened.
     * resolution-rate 问题解决率              = tickets resolved ÷ tickets opened × 100
     * first-contact-resolution 一次响应解决率 = tickets resolved at the first contact (contacts = 1), never reopened
     *                                          and never escalated (no call-back either way, §6) ÷ tickets opened × 100
     * solution-effectiveness 解决方案有效性    = the same measure (能否一次解决客户问题), after-sales-standard's key
     * handling-time 处理速度 (hours)          = mean of resolved_at − opened_at over the resolved tickets
     * resolution-time 问题解决时效性 (hours)   = the same measure, after-sales-standard's key
     * after-sales-handling 售后处理 (count)    = after-sales tickets resolved
     * task-completion 任务完成率              = tickets resolved ÷ tickets opened × 100 (完成的任务量/分配的任务量: a ticket
     *                                          assigned to the agent is a task; the same measure as resolution-rate)
     * closure-rate 结案率 (§6)                = tickets resolved ÷ tickets opened × 100 (the same measure again)
     * repair-accuracy 维修准确性              = after-sales tickets resolved and never reopened (reopened = 0)
     *                                          ÷ after-sales tickets resolved × 100; not written without a resolved one
     * recurrence-rate 复发率 (§6)             = tickets resolved that were reopened at least once ÷ tickets resolved × 100;
     *                                          a reopened ticket that is open again counts once it is resolved
     * "Resolved" means resolved by now, among the month's tickets (the month of opened_at, like every ticket
     * measure): an import recomputes the months of the rows' opened_at, so a resolution-month cohort
     * would go stale when a ticket opened earlier is resolved.
     */
    private static final String TICKETS = """
            select t.employee_id, k.input_key, k.value
              from ticket_totals t
             cross join lateral (values
                   ('resolution-rate', 100.0 * t.resolved / t.opened),
                   ('first-contact-resolution', 100.0 * t.first_contact / t.opened),
                   ('solution-effectiveness', 100.0 * t.first_contact / t.opened),
                   ('handling-time', t.hours),
                   ('resolution-time', t.hours),
                   ('after-sales-handling', t.after_sales::numeric),
                   ('task-completion', 100.0 * t.resolved / t.opened),
                   ('closure-rate', 100.0 * t.resolved / t.opened),
                   ('repair-accuracy', 100.0 * t.after_sales_kept / nullif(t.after_sales, 0)),
                   ('recurrence-rate', 100.0 * t.recurred / nullif(t.resolved, 0))) k(input_key, value)
            """;

    /*
     * Chat and call sessions count in the month they started (SESSION_TOTALS).
     * reply-rate 旺旺回复率                = chats answered or transferred ÷ chats × 100   (回复客户数/接待客户总数)
     * reply-time 旺旺回复时间 (seconds)     = mean first_response_seconds over the chats answered or transferred
     * unanswered-customers 未回复人数       = chats abandoned without a reply (when the agent had chats)
     * answer-rate 接听率                   = inbound calls answered or transferred ÷ inbound calls × 100
     * abandonment-rate 呼叫放弃率           = inbound calls abandoned ÷ inbound calls × 100
     * transfer-rate 转接率                 = sessions transferred ÷ sessions answered or transferred × 100
     * call-volume 呼叫数                   = calls in and out, whatever their outcome
     * inquiry-conversion 询单转化率         = inquiries that ordered ÷ inquiries × 100       (最终下单数/询价数)
     * order-success 最终下单成功率          = sessions paid ÷ sessions ordered × 100        (最终付款人数/订购人数)
     * inquiry-to-payment 询单→最终付款      = inquiries paid ÷ inquiries × 100             (下单付款成功的人数/询单的总人数)
     * average-order-value 客单价 (yuan)     = amount paid ÷ sessions paid                  (总销量/付费客户数)
     */
    private static final String SESSIONS = """
            select s.employee_id, k.input_key, k.value
              from session_totals s
             cross join lateral (values
                   ('reply-rate', 100.0 * s.chats_replied / nullif(s.chats, 0)),
                   ('reply-time', s.chat_reply_seconds),
                   ('unanswered-customers', case when s.chats > 0 then (s.chats - s.chats_replied)::numeric end),
                   ('answer-rate', 100.0 * s.calls_answered / nullif(s.calls_in, 0)),
                   ('abandonment-rate', 100.0 * (s.calls_in - s.calls_answered) / nullif(s.calls_in, 0)),
                   ('transfer-rate', 100.0 * s.transferred / nullif(s.handled, 0)),
                   ('call-volume', s.calls::numeric),
                   ('inquiry-conversion', 100.0 * s.inquiries_ordered / nullif(s.inquiries, 0)),
                   ('order-success', 100.0 * s.payments / nullif(s.orders, 0)),
                   ('inquiry-to-payment', 100.0 * s.inquiries_paid / nullif(s.inquiries, 0)),
                   ('average-order-value', s.paid_amount / nullif(s.payments, 0))) k(input_key, value)
            """;

    /*
     * response-time 响应时间 (seconds) = mean time to the first response over every contact the agent
     * answered: answered or transferred sessions (first_response_seconds) and tickets with a first
     * response (first_response_at − opened_at), each in the month it started.
     */
    private static final String RESPONSE = """
            select employee_id, 'response-time' as input_key,
                   (coalesce(s.response_seconds, 0) + coalesce(t.response_seconds, 0))
                       / nullif(coalesce(s.responses, 0) + coalesce(t.responses, 0), 0) as value
              from session_totals s
              full join ticket_totals t using (employee_id)
            """;

    /*
     * complaint-rate 投诉率 = complaints received in the month ÷ contacts handled in the month × 100,
     * where contacts = tickets opened + sessions answered or transferred; capped at 100. Not written
     * for an agent without contacts in the month (a rate of nothing).
     */
    private static final String COMPLAINTS = """
            select c.employee_id, 'complaint-rate' as input_key, least(100, 100.0 * coalesce(k.complaints, 0) / c.contacts) as value
              from (select employee_id, coalesce(t.opened, 0) + coalesce(s.handled, 0) as contacts
                      from ticket_totals t
                      full join session_totals s using (employee_id)) c
              left join (select employee_id, count(*) as complaints
                           from review.complaint
                          where received_at >= :from and received_at < :to
                          group by employee_id) k on k.employee_id = c.employee_id
             where c.contacts > 0
            """;

    /*
     * satisfaction 客户满意度           = mean over the month's surveys of score ÷ scale × 100 (§6: mean of the
     *                                    surveyed scores, as a percent)
     * satisfaction-survey 客户满意度调查 = the same measure, the after-sales schemes' key
     * customer-feedback 客户反馈评分     = the same mean on a 5-point scale (after-sales-standard's target is 5)
     * good-reviews 好评数量 (count)      = the month's surveys with score ÷ scale ≥ GOOD_REVIEW_SHARE (declared default
     *                                    0.8: 4 of 5, 8 of 10, 80 of 100), for every agent surveyed. The seed counts
     *                                    registered 好评返现 (cash-back reviews), which no record type carries; import
     *                                    kpi-inputs for that figure (they replace this one).
     */
    private static final String SURVEYS = """
            select s.employee_id, k.input_key, k.value
              from (select employee_id, avg(score / scale) as share,
                           count(*) filter (where score >= :goodShare * scale) as good
                      from review.survey
                     where surveyed_at >= :from and surveyed_at < :to
                     group by employee_id) s
             cross join lateral (values
                   ('satisfaction', 100 * s.share),
                   ('satisfaction-survey', 100 * s.share),
                   ('customer-feedback', 5 * s.share),
                   ('good-reviews', s.good::numeric)) k(input_key, value)
            """;

    /*
     * revisit-completion 回访完成率 (P12) = 实际回访条数 ÷ (200 条 × 实际在岗人数), prorated by attendance days.
     *   Read per person: one person's on-duty headcount is days present ÷ scheduled days (应出勤天数), so
     *   revisit-completion = revisits ÷ (200 × present ÷ scheduled) × 100, capped at 100. A team's rate
     *   is the same with both sides summed over its members. Needs the month's attendance with at least
     *   one day present; otherwise it is not written (HR supplies it, P1).
     * revisit-authenticity 回访真实度 = the month's revisits whose authenticity check failed (authentic = no);
     *   unchecked revisits do not count. Written for every agent with revisits or attendance.
     */
    private static final String REVISITS = """
            select coalesce(d.employee_id, v.employee_id) as employee_id, k.input_key, k.value
              from (select employee_id, count(*) as scheduled, count(*) filter (where status = 'present') as present
                      from review.attendance
                     where work_date >= :fromDate and work_date < :toDate
                     group by employee_id) d
              full join (select employee_id, count(*) as done, count(*) filter (where authentic = false) as untrue
                           from review.revisit
                          where revisited_at >= :from and revisited_at < :to
                          group by employee_id) v on v.employee_id = d.employee_id
             cross join lateral (values
                   ('revisit-completion', case when d.present > 0
                        then least(100, 100.0 * coalesce(v.done, 0) / (200.0 * d.present / d.scheduled)) end),
                   ('revisit-authenticity', coalesce(v.untrue, 0)::numeric)) k(input_key, value)
            """;

    /* failed-spot-checks 抽查不合格次数 = the month's spot checks with result fail, for every agent checked. */
    private static final String SPOT_CHECKS = """
            select employee_id, 'failed-spot-checks' as input_key, count(*) filter (where result = 'fail')::numeric as value
              from review.spot_check
             where checked_at >= :from and checked_at < :to
             group by employee_id
            """;

    /* report-authenticity 报表上交真实性 = the month's reports found untrue, for every agent who submitted one. */
    private static final String REPORTS = """
            select employee_id, 'report-authenticity' as input_key, count(*) filter (where not truthful)::numeric as value
              from review.report_submission
             where submitted_at >= :from and submitted_at < :to
             group by employee_id
            """;

    /*
     * Inputs measured elsewhere (record type kpi-inputs, e.g. sales-target completion) are taken as
     * they are. They run last, so a value supplied explicitly replaces a computed one.
     */
    private static final String DIRECT_INPUTS = """
            select employee_id, input_key, value from review.kpi_input where period = :period
            """;

    private static final Map<String, String> FAMILIES = familiesInOrder();

    /*
     * Every family in one statement over the month's totals (ticket_totals, session_totals: the month's rows of the
     * month totals, one per agent). A key computed by several families takes the last one's value (kpi-inputs
     * replace computed values). The computed values and the month's stored ones are matched once (one full join):
     * values an earlier computation wrote are updated in place where value or source differ (an unchanged row is not
     * rewritten: its recorded_at stays the time it got that value), new keys inserted, and values no longer computed
     * (their records disappeared) deleted; HR's (hr:…) are left alone. Rows are updated and deleted by the row id the
     * match found: a row HR changes meanwhile has a new one and is skipped, and a key HR inserts meanwhile is not
     * inserted again (on conflict do nothing), so HR wins then too. Yields the values written per family (those
     * computed less those HR's values kept) and the employees with values of this source. (The statement reads
     * kpi_value as it was before it, and the CTEs are only ever matched by hashing or by the primary key: a nested
     * loop over two CTEs of 26,000 rows each, which stale statistics once chose, took minutes.)
     */
    private static final String VALUES = "with ticket_totals as (" + TICKET_TOTALS + "),\nsession_totals as ("
            + SESSION_TOTALS + "),\ncomputed as (\n" + computedFamilies() + "),\n" + """
            fresh as (
                select distinct on (employee_id, input_key) family, employee_id, input_key, round(value, 4) as value
                  from computed
                 where value is not null
                 order by employee_id, input_key, rank desc),
            stored as (
                select ctid as tid, employee_id, input_key, value, source from review.kpi_value where period = :period),
            matched as materialized (
                select f.family, f.employee_id, f.input_key, f.value, s.tid, s.source like 'hr:%' as by_hr,
                       f.family is not null and s.tid is not null and (s.value, s.source) is distinct from (f.value, :source)
                           as differs,
                       f.family is null and s.source like 'metrics:%' as stale
                  from fresh f
                  full join stored s on s.employee_id = f.employee_id and s.input_key = f.input_key),
            updated as (
                update review.kpi_value k set value = m.value, source = :source, recorded_at = now()
                  from matched m
                 where m.differs and not m.by_hr and k.ctid = m.tid and k.source not like 'hr:%'),
            deleted as (
                delete from review.kpi_value k using matched m
                 where m.stale and k.ctid = m.tid and k.source like 'metrics:%'),
            inserted as (
                insert into review.kpi_value (employee_id, period, input_key, value, source)
                select employee_id, :period, input_key, value, :source from matched where family is not null and tid is null
                on conflict do nothing)
            select family, count(*) filter (where by_hr is not true)::int as written,
                   (select count(distinct employee_id) from matched where family is not null and by_hr is not true)::int
                       as agents
              from matched
             where family is not null
             group by family
            """;

    /** A survey is a good review 好评 when score ÷ scale reaches this share (declared default, docs/metrics.md). */
    static final double GOOD_REVIEW_SHARE = 0.8;

    /*
     * Events 表扬/批评/通报 → kpi_event: the month's occurrences per agent and type. A ranged type
     * (审计通报 −2..−10 each) gets a row per distinct points value (points = points each); a fixed type
     * one row with empty points (the scheme's). A type HR recorded for the agent and month (source
     * hr:…) is left to HR.
     */
    private static final String EVENTS = """
            insert into review.kpi_event (employee_id, period, event_type, count, points, source)
            select e.employee_id, :period, e.event_type, count(*)::int, e.points, :source
              from review.service_event e
             where e.occurred_at >= :from and e.occurred_at < :to
               and not exists (select 1 from review.kpi_event h
                                where h.employee_id = e.employee_id and h.period = :period
                                  and h.event_type = e.event_type and h.source like 'hr:%')
             group by e.employee_id, e.event_type, e.points
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final MonthTotals monthTotals;

    KpiAggregator(JdbcClient jdbc, TransactionTemplate transactions, AuditLog audit, MonthTotals monthTotals) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
        this.monthTotals = monthTotals;
    }

    /** One row of {@link #VALUES}: a family's values written, and the employees with values of this source. */
    private record Written(String family, int values, int agents) {}

    private static String computedFamilies() {
        List<String> parts = new ArrayList<>();
        int rank = 0;
        for (Map.Entry<String, String> family : FAMILIES.entrySet()) {
            parts.add("select " + ++rank + " as rank, '" + family.getKey()
                    + "' as family, f.employee_id, f.input_key, f.value from (" + family.getValue() + ") f");
        }
        return String.join("\nunion all\n", parts);
    }

    private static Map<String, String> familiesInOrder() {
        Map<String, String> families = new LinkedHashMap<>();
        families.put("tickets", TICKETS);
        families.put("sessions", SESSIONS);
        families.put("response", RESPONSE);
        families.put("complaints", COMPLAINTS);
        families.put("surveys", SURVEYS);
        families.put("revisits", REVISITS);
        families.put("spot-checks", SPOT_CHECKS);
        families.put("reports", REPORTS);
        families.put("kpi-inputs", DIRECT_INPUTS);
        return families;
    }

    /**
     * Recomputes every KPI of {@code period} from the records (source {@code metrics:aggregate});
     * the review cycle calls this before its reviews collect their data.
     */
    public Result aggregate(YearMonth period, String actor) {
        Result result = recompute(period, "metrics:aggregate");
        audit.record(
                actor,
                "metrics.aggregate",
                period.toString(),
                Map.of("values", result.valuesByFamily(), "events", result.events(), "millis", result.millis()));
        return result;
    }

    /** Recomputes {@code period} in the caller's transaction, or in a new one. */
    Result recompute(YearMonth period, String source) {
        return transactions.execute(status -> {
            long start = System.nanoTime();
            // Two recomputations of one period at a time would race on the rows they delete and insert.
            jdbc.sql("select pg_advisory_xact_lock(hashtext(:lock))")
                    .param("lock", "kpi:" + period)
                    .query()
                    .listOfRows();
            monthTotals.regroupIfStale();
            Map<String, Object> params = Map.of(
                    "period",
                    period.toString(),
                    "source",
                    source,
                    "from",
                    period.atDay(1).atStartOfDay(),
                    "to",
                    period.plusMonths(1).atDay(1).atStartOfDay(),
                    "fromDate",
                    period.atDay(1),
                    "toDate",
                    period.plusMonths(1).atDay(1),
                    "goodShare",
                    BigDecimal.valueOf(GOOD_REVIEW_SHARE));
            Map<String, Integer> written = new LinkedHashMap<>();
            FAMILIES.keySet().forEach(family -> written.put(family, 0));
            List<Written> rows = jdbc.sql(VALUES)
                    .params(params)
                    .query((rs, n) -> new Written(rs.getString("family"), rs.getInt("written"), rs.getInt("agents")))
                    .list();
            rows.forEach(row -> written.put(row.family(), row.values()));
            // The employees with values of this source: the same on every row; none when nothing was computed.
            int agents = rows.isEmpty() ? 0 : rows.get(0).agents();
            jdbc.sql("delete from review.kpi_event where period = :period and source like 'metrics:%'")
                    .params(params)
                    .update();
            int events = jdbc.sql(EVENTS).params(params).update();
            int values = written.values().stream().mapToInt(Integer::intValue).sum();
            return new Result(
                    period.toString(),
                    source,
                    agents,
                    values,
                    written,
                    events,
                    (System.nanoTime() - start) / 1_000_000);
        });
    }
}

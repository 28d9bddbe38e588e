package com.servicereview.metrics;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The per agent and month totals of tickets and sessions (V26) that a month's KPIs are derived from. An import that
 * stores new or changed rows regroups the totals of each month it touched, in its own transaction, so the totals
 * always match the stored rows; the aggregation then reads one row per agent instead of grouping a million. Records
 * changed any other way mark the totals stale (V26's trigger) and the next aggregation regroups them.
 * Counts and exact numeric sums only: a mean is sum ÷ count where it is read.
 */
@Component
class MonthTotals {

    /** The totals table of {@code type}'s records and its columns, each an aggregate over the records. */
    private record Totals(RecordType type, String table, String columns) {}

    private static final Totals TICKETS = new Totals(RecordType.TICKETS, "review.ticket_month_total", """
            count(*) as opened,
            count(resolved_at) as resolved,
            count(*) filter (where resolved_at is not null and contacts = 1 and reopened = 0 and not escalated) as first_contact,
            coalesce(sum(extract(epoch from resolved_at - opened_at) / 3600), 0) as resolved_hours,
            count(*) filter (where after_sales and resolved_at is not null) as after_sales,
            count(*) filter (where after_sales and resolved_at is not null and reopened = 0) as after_sales_kept,
            count(*) filter (where resolved_at is not null and reopened > 0) as recurred,
            coalesce(sum(extract(epoch from first_response_at - opened_at)), 0) as response_seconds,
            count(first_response_at) as responses
            """);

    /** A session was replied to / answered unless it was abandoned (a transferred one was answered first). */
    private static final Totals SESSIONS = new Totals(RecordType.SESSIONS, "review.session_month_total", """
            count(*) as sessions,
            count(*) filter (where channel = 'chat') as chats,
            count(*) filter (where channel = 'chat' and outcome <> 'abandoned') as chats_replied,
            coalesce(sum(first_response_seconds) filter (where channel = 'chat' and outcome <> 'abandoned'), 0) as chat_reply_seconds,
            count(first_response_seconds) filter (where channel = 'chat' and outcome <> 'abandoned') as chat_replies_timed,
            count(*) filter (where channel = 'call' and direction = 'in') as calls_in,
            count(*) filter (where channel = 'call' and direction = 'in' and outcome <> 'abandoned') as calls_answered,
            count(*) filter (where outcome <> 'abandoned') as handled,
            count(*) filter (where outcome = 'transferred') as transferred,
            count(*) filter (where channel = 'call') as calls,
            count(*) filter (where inquiry) as inquiries,
            count(*) filter (where inquiry and ordered) as inquiries_ordered,
            count(*) filter (where inquiry and paid) as inquiries_paid,
            count(*) filter (where ordered) as orders,
            count(*) filter (where paid) as payments,
            coalesce(sum(amount) filter (where paid), 0) as paid_amount,
            coalesce(sum(first_response_seconds), 0) as response_seconds,
            count(first_response_seconds) as responses
            """);

    private static final List<Totals> ALL = List.of(TICKETS, SESSIONS);

    private final JdbcClient jdbc;
    private final RecordStore store;

    MonthTotals(JdbcClient jdbc, RecordStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    /** Regroups {@code period}'s totals of {@code type} from its stored records, if it has totals; in the caller's transaction. */
    void refresh(RecordType type, YearMonth period) {
        ALL.stream().filter(totals -> totals.type() == type).forEach(totals -> refresh(totals, period));
    }

    private void refresh(Totals totals, YearMonth period) {
        Map<String, Object> month = Map.of(
                "period", period.atDay(1),
                "from", period.atDay(1).atStartOfDay(),
                "to", period.plusMonths(1).atDay(1).atStartOfDay());
        String time = "r." + totals.type().periodColumn();
        regroup(
                totals,
                ":period::date",
                " where " + time + " >= :from and " + time + " < :to",
                " where period = :period",
                month);
    }

    /**
     * Regroups every month of the totals V26's trigger marked stale (their records changed other than by an import,
     * or were stored before the totals existed); in the caller's transaction, under the type's store lock. Whoever
     * takes the mark does it; another aggregation meanwhile waits for the lock and then reads the regrouped totals.
     */
    void regroupIfStale() {
        for (Totals totals : ALL) {
            String records = totals.type().table();
            if (!stale(records)) continue;
            // After an import of the type that is storing now: its rows, and its refresh of their months, are then
            // committed and in this regrouping, instead of a regrouping from before them overwriting that refresh.
            store.lock(totals.type());
            boolean taken = !jdbc.sql("delete from review.month_totals_stale where records = :records returning 1")
                    .param("records", records)
                    .query()
                    .listOfRows()
                    .isEmpty();
            if (taken) regroup(totals, totals.type().monthOf("r") + "::date", "", "", Map.of());
        }
    }

    private boolean stale(String records) {
        return jdbc.sql("select exists (select 1 from review.month_totals_stale where records = :records)")
                .param("records", records)
                .query(Boolean.class)
                .single();
    }

    /** Replaces the totals rows {@code replaced} selects with the records {@code where} selects, grouped by month. */
    private void regroup(Totals totals, String month, String where, String replaced, Map<String, Object> params) {
        // Grouped into a temporary table first: a statement that writes into a table never runs in parallel, and the
        // grouping of a million records is most of the work.
        jdbc.sql("create temporary table month_totals on commit drop as select " + month + " as period, employee_id, "
                        + totals.columns() + " from " + totals.type().table() + " r" + where + " group by 1, 2")
                .params(params)
                .update();
        jdbc.sql("delete from " + totals.table() + replaced).params(params).update();
        jdbc.sql("insert into " + totals.table() + " select * from month_totals")
                .update();
        jdbc.sql("drop table month_totals").update();
        // The aggregation joins a month's 26,000 values of 2,000 agents by hashing only when the planner knows the
        // totals hold 2,000 rows, not the handful a new table is assumed to hold (0.5 s by nested loops, 0.3 s hashed).
        jdbc.sql("analyze " + totals.table()).update();
    }

    /** Tells V26's trigger that this transaction keeps the totals of what it stores ({@link #refresh}). */
    void keptByThisTransaction() {
        jdbc.sql("set local service_review.keeps_month_totals = 'on'").update();
    }
}

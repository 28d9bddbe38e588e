package com.servicereview.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The review's rows in schema {@code review}. Writes are upserts keyed by business ids, so a job
 * that runs twice (the job executor is at-least-once) writes the same rows once.
 */
@Repository
public class ReviewRepository {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public ReviewRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public record Review(
            String id,
            String employeeId,
            String period,
            String schemeId,
            int schemeVersion,
            String cycleId,
            String processInstanceId,
            String status,
            BigDecimal finalTotal,
            String finalGrade) {}

    public record Rating(
            String role,
            String raterId,
            int round,
            Map<String, Double> scores,
            String comment,
            String explanation,
            BigDecimal viewTotal,
            String viewGrade) {}

    public record KpiValue(String key, double value, String source) {}

    public record KpiEvent(String type, int count, Double points, String source) {}

    public void createReview(
            String id,
            String employeeId,
            String period,
            String schemeId,
            int schemeVersion,
            String cycleId,
            String processInstanceId) {
        jdbc.sql("""
                insert into review.review (id, employee_id, period, scheme_id, scheme_version, cycle_id, process_instance_id, status)
                values (?, ?, ?, ?, ?, ?, ?, 'COLLECTING')
                on conflict (id) do nothing""")
                .params(id, employeeId, period, schemeId, schemeVersion, cycleId, processInstanceId)
                .update();
    }

    /**
     * Claims the review id for a starting process instance: the primary key makes this the one
     * place where two concurrent starts (on one node or several) meet; the second finds the row
     * taken once the first commits. Returns false if the review exists (unless it is this transaction's
     * own {@link #reserveForLaunch reservation}).
     */
    public boolean claimReview(
            String id,
            String employeeId,
            String period,
            String schemeId,
            int schemeVersion,
            String cycleId,
            String processInstanceId) {
        if (insertReview(id, employeeId, period, schemeId, schemeVersion, cycleId, processInstanceId)) return true;
        // Reserved by this cycle's launch in this very transaction (no instance yet, invisible to others until it
        // commits).
        return cycleId != null && claimReservation(id, cycleId, processInstanceId);
    }

    /**
     * A cycle's launch reserves the review id before it starts the instance, whose start then claims the
     * reservation: a member whose review was started meanwhile (by hand, or by another run of the same
     * launch slice) is found taken here instead of failing the start. False if the review exists.
     */
    public boolean reserveForLaunch(
            String id, String employeeId, String period, String schemeId, int schemeVersion, String cycleId) {
        return insertReview(id, employeeId, period, schemeId, schemeVersion, cycleId, null);
    }

    /**
     * {@link #reserveForLaunch} for a launch slice's members in one statement: review id → employee id. Returns the ids
     * reserved; an id missing from the answer exists already (its review was started meanwhile).
     */
    public Set<String> reserveForLaunch(
            Map<String, String> employeeByReview, String period, String schemeId, int schemeVersion, String cycleId) {
        if (employeeByReview.isEmpty()) return Set.of();
        return new LinkedHashSet<>(jdbc.sql("""
                insert into review.review (id, employee_id, period, scheme_id, scheme_version, cycle_id, process_instance_id, status)
                select v.id, v.employee_id, ?, ?, ?, ?, null, 'COLLECTING'
                  from unnest(cast(? as text[]), cast(? as text[])) v(id, employee_id)
                on conflict do nothing
                returning id""")
                .params(
                        period,
                        schemeId,
                        schemeVersion,
                        cycleId,
                        employeeByReview.keySet().toArray(String[]::new),
                        employeeByReview.values().toArray(String[]::new))
                .query(String.class)
                .list());
    }

    private boolean claimReservation(String id, String cycleId, String processInstanceId) {
        return jdbc.sql("""
                update review.review set process_instance_id = ?
                 where id = ? and cycle_id = ? and process_instance_id is null and status = 'COLLECTING'""").params(processInstanceId, id, cycleId).update() == 1;
    }

    /**
     * The instances a launch started for the reviews it reserved (in this transaction), in one statement: each review
     * is now its instance's, and in review where its data step froze the inputs. Returns how many were claimed.
     */
    public int claimReservations(String cycleId, Map<String, String> instanceByReview, Set<String> inReview) {
        String[] ids = instanceByReview.keySet().toArray(String[]::new);
        return jdbc.sql("""
                update review.review r
                   set process_instance_id = v.instance,
                       status = case when v.in_review then 'IN_REVIEW' else r.status end
                  from unnest(cast(? as text[]), cast(? as text[]), cast(? as boolean[])) v(id, instance, in_review)
                 where r.id = v.id and r.cycle_id = ? and r.process_instance_id is null and r.status = 'COLLECTING'""")
                .params(
                        ids,
                        instanceByReview.values().toArray(String[]::new),
                        Arrays.stream(ids).map(inReview::contains).toArray(Boolean[]::new),
                        cycleId)
                .update();
    }

    private boolean insertReview(
            String id,
            String employeeId,
            String period,
            String schemeId,
            int schemeVersion,
            String cycleId,
            String processInstanceId) {
        return jdbc.sql("""
                insert into review.review (id, employee_id, period, scheme_id, scheme_version, cycle_id, process_instance_id, status)
                values (?, ?, ?, ?, ?, ?, ?, 'COLLECTING')
                on conflict do nothing""")
                        .params(id, employeeId, period, schemeId, schemeVersion, cycleId, processInstanceId)
                        .update()
                == 1;
    }

    /** A review started by hand joins the cycle of its month (an archived one cannot change: the cycle's member row counts it). */
    public void adoptIntoCycle(String reviewId, String cycleId) {
        jdbc.sql("update review.review set cycle_id = ? where id = ? and cycle_id is null")
                .params(cycleId, reviewId)
                .update();
    }

    public boolean cycleExists(String cycleId) {
        return jdbc.sql("select count(*) from review.cycle where id = ?")
                        .param(cycleId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** The review a process instance belongs to. */
    public Optional<String> reviewIdOfInstance(String processInstanceId) {
        return jdbc.sql("select id from review.review where process_instance_id = ?")
                .param(processInstanceId)
                .query(String.class)
                .optional();
    }

    /** Who works a step: {@code role} → the people in position order. */
    public void saveParticipants(String reviewId, Map<String, List<String>> byRole) {
        // Two statements, not two per role: every review start of a cycle's launch writes these.
        jdbc.sql("delete from review.participant where review_id = ? and role = any(?)")
                .params(reviewId, byRole.keySet().toArray(String[]::new))
                .update();
        List<Object> params = new ArrayList<>();
        byRole.forEach((role, people) -> {
            for (int position = 0; position < people.size(); position++)
                params.addAll(List.of(reviewId, role, position, people.get(position)));
        });
        if (params.isEmpty()) return;
        jdbc.sql("insert into review.participant (review_id, role, position, user_id) values "
                        + String.join(", ", Collections.nCopies(params.size() / 4, "(?, ?, ?, ?)")))
                .params(params)
                .update();
    }

    /**
     * The participants of new reviews (a launch slice's, reserved in this transaction, so none has rows yet) in one
     * statement: review id → role → people in position order.
     */
    public void insertParticipants(Map<String, Map<String, List<String>>> byReview) {
        List<String> ids = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<String> users = new ArrayList<>();
        byReview.forEach((reviewId, byRole) -> byRole.forEach((role, people) -> {
            for (int position = 0; position < people.size(); position++) {
                ids.add(reviewId);
                roles.add(role);
                positions.add(position);
                users.add(people.get(position));
            }
        }));
        if (ids.isEmpty()) return;
        jdbc.sql("""
                insert into review.participant (review_id, role, position, user_id)
                select * from unnest(cast(? as text[]), cast(? as text[]), cast(? as int[]), cast(? as text[]))""")
                .params(
                        ids.toArray(String[]::new),
                        roles.toArray(String[]::new),
                        positions.toArray(Integer[]::new),
                        users.toArray(String[]::new))
                .update();
    }

    public void replaceParticipants(String reviewId, String role, List<String> people) {
        jdbc.sql("delete from review.participant where review_id = ? and role = ?")
                .params(reviewId, role)
                .update();
        for (int position = 0; position < people.size(); position++) {
            jdbc.sql("insert into review.participant (review_id, role, position, user_id) values (?, ?, ?, ?)")
                    .params(reviewId, role, position, people.get(position))
                    .update();
        }
    }

    public List<String> participants(String reviewId, String role) {
        return jdbc.sql("select user_id from review.participant where review_id = ? and role = ? order by position")
                .params(reviewId, role)
                .query(String.class)
                .list();
    }

    private static final String REVIEW_COLUMNS = """
            id, employee_id, period, scheme_id, scheme_version, cycle_id, process_instance_id, status, final_total, final_grade""";

    private static final RowMapper<Review> REVIEW = (rs, n) -> new Review(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getInt(5),
            rs.getString(6),
            rs.getString(7),
            rs.getString(8),
            rs.getBigDecimal(9),
            rs.getString(10));

    public Optional<Review> find(String id) {
        return jdbc.sql("select " + REVIEW_COLUMNS + " from review.review where id = ?")
                .param(id)
                .query(REVIEW)
                .optional();
    }

    /** The reviews of these ids that exist, by id, in one statement. */
    public Map<String, Review> findAll(Collection<String> ids) {
        Map<String, Review> found = new LinkedHashMap<>();
        if (ids.isEmpty()) return found;
        jdbc.sql("select " + REVIEW_COLUMNS + " from review.review where id = any(?)")
                .param(ids.toArray(String[]::new))
                .query(REVIEW)
                .list()
                .forEach(r -> found.put(r.id(), r));
        return found;
    }

    public void setStatus(String reviewId, String status) {
        jdbc.sql("update review.review set status = ? where id = ? and status <> ?")
                .params(status, reviewId, status)
                .update();
    }

    public void setFinal(String reviewId, double total, String grade) {
        jdbc.sql("update review.review set final_total = ?, final_grade = ? where id = ?")
                .params(total, grade, reviewId)
                .update();
    }

    /** The period's inputs; a flag of the person's (review.employee_flag, e.g. dedicated-after-sales) counts as 1 unless the period sets it. */
    public Map<String, KpiValue> kpiValues(String employeeId, String period) {
        Map<String, KpiValue> values = new LinkedHashMap<>();
        jdbc.sql("""
                select input_key, value, source from review.kpi_value where employee_id = :employee and period = :period
                union all
                select f.flag, 1, 'org' from review.employee_flag f
                 where f.employee_id = :employee and not exists (select 1 from review.kpi_value v
                        where v.employee_id = f.employee_id and v.period = :period and v.input_key = f.flag)
                order by 1""")
                .param("employee", employeeId)
                .param("period", period)
                .query((rs, n) -> new KpiValue(rs.getString(1), rs.getDouble(2), rs.getString(3)))
                .list()
                .forEach(v -> values.put(v.key(), v));
        return values;
    }

    /** {@link #kpiValues(String, String)} of many people in one statement, by employee id (everyone given has an entry). */
    public Map<String, Map<String, KpiValue>> kpiValues(Collection<String> employeeIds, String period) {
        Map<String, Map<String, KpiValue>> values = new LinkedHashMap<>();
        employeeIds.forEach(e -> values.put(e, new LinkedHashMap<>()));
        if (employeeIds.isEmpty()) return values;
        jdbc.sql("""
                select employee_id, input_key, value, source from review.kpi_value
                 where employee_id = any(?) and period = ?
                union all
                select f.employee_id, f.flag, 1, 'org' from review.employee_flag f
                 where f.employee_id = any(?) and not exists (select 1 from review.kpi_value v
                        where v.employee_id = f.employee_id and v.period = ? and v.input_key = f.flag)
                order by 1, 2""")
                .params(employeeIds.toArray(String[]::new), period, employeeIds.toArray(String[]::new), period)
                .query((rs, n) -> {
                    values.get(rs.getString(1))
                            .put(rs.getString(2), new KpiValue(rs.getString(2), rs.getDouble(3), rs.getString(4)));
                    return n;
                })
                .list();
        return values;
    }

    /** {@link #kpiEvents(String, String)} of many people in one statement, by employee id (everyone given has an entry). */
    public Map<String, List<KpiEvent>> kpiEvents(Collection<String> employeeIds, String period) {
        Map<String, List<KpiEvent>> events = new LinkedHashMap<>();
        employeeIds.forEach(e -> events.put(e, new ArrayList<>()));
        if (employeeIds.isEmpty()) return events;
        jdbc.sql("""
                select employee_id, event_type, count, points, source from review.kpi_event
                 where employee_id = any(?) and period = ? order by id""")
                .params(employeeIds.toArray(String[]::new), period)
                .query((rs, n) -> events.get(rs.getString(1))
                        .add(new KpiEvent(
                                rs.getString(2),
                                rs.getInt(3),
                                (Double) rs.getObject(4, Double.class),
                                rs.getString(5))))
                .list();
        return events;
    }

    public List<KpiEvent> kpiEvents(String employeeId, String period) {
        return jdbc.sql(
                        "select event_type, count, points, source from review.kpi_event where employee_id = ? and period = ? order by id")
                .params(employeeId, period)
                .query((rs, n) -> new KpiEvent(
                        rs.getString(1), rs.getInt(2), (Double) rs.getObject(3, Double.class), rs.getString(4)))
                .list();
    }

    public void putKpiValue(String employeeId, String period, String key, double value, String source) {
        jdbc.sql("""
                insert into review.kpi_value (employee_id, period, input_key, value, source) values (?, ?, ?, ?, ?)
                on conflict (employee_id, period, input_key) do update set value = excluded.value, source = excluded.source,
                       recorded_at = now()""").params(employeeId, period, key, value, source).update();
    }

    /** Best value per input among the active members of a unit in a period (for rank-relative indicators). */
    public Map<String, Double> unitBest(String unitId, String period, List<String> keys) {
        Map<String, Double> best = new LinkedHashMap<>();
        if (keys.isEmpty()) return best;
        jdbc.sql("""
                select v.input_key, max(v.value) from review.kpi_value v
                  join review.employee e on e.id = v.employee_id
                 where e.org_unit_id = :unit and v.period = :period and v.input_key in (:keys)
                 group by v.input_key""")
                .param("unit", unitId)
                .param("period", period)
                .param("keys", keys)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getDouble(2)))
                .list()
                .forEach(e -> best.put(e.getKey(), e.getValue()));
        return best;
    }

    public List<String> groupReviewers(String unitId) {
        return jdbc.sql("select reviewer_id from review.group_reviewer where unit_id = ? order by reviewer_id")
                .param(unitId)
                .query(String.class)
                .list();
    }

    public void saveSnapshot(String reviewId, Object inputs, Object sources, Object measured) {
        jdbc.sql("""
                insert into review.kpi_snapshot (review_id, inputs, sources, measured)
                values (?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb))
                on conflict (review_id) do update set inputs = excluded.inputs, sources = excluded.sources,
                       measured = excluded.measured, frozen_at = now()""")
                .params(reviewId, write(inputs), write(sources), write(measured))
                .update();
    }

    /** Several reviews' snapshots in one statement, as {@link #saveSnapshot} writes one. */
    public void saveSnapshots(List<Snapshot> snapshots) {
        if (snapshots.isEmpty()) return;
        jdbc.sql("""
                insert into review.kpi_snapshot (review_id, inputs, sources, measured)
                select v.id, cast(v.inputs as jsonb), cast(v.sources as jsonb), cast(v.measured as jsonb)
                  from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]))
                       v(id, inputs, sources, measured)
                on conflict (review_id) do update set inputs = excluded.inputs, sources = excluded.sources,
                       measured = excluded.measured, frozen_at = now()""")
                .params(
                        snapshots.stream().map(Snapshot::reviewId).toArray(String[]::new),
                        snapshots.stream().map(x -> write(x.inputs())).toArray(String[]::new),
                        snapshots.stream().map(x -> write(x.sources())).toArray(String[]::new),
                        snapshots.stream().map(x -> write(x.measured())).toArray(String[]::new))
                .update();
    }

    /** A review's frozen inputs, their sources and the measured indicators' lines. */
    public record Snapshot(String reviewId, Object inputs, Object sources, Object measured) {}

    public Optional<JsonNode> snapshotInputs(String reviewId) {
        return jdbc.sql("select inputs::text from review.kpi_snapshot where review_id = ?")
                .param(reviewId)
                .query(String.class)
                .optional()
                .map(this::read);
    }

    public Optional<JsonNode> snapshot(String reviewId) {
        return jdbc.sql("""
                select json_build_object('inputs', inputs, 'sources', sources, 'measured', measured, 'frozenAt', frozen_at)::text
                  from review.kpi_snapshot where review_id = ?""").param(reviewId).query(String.class).optional().map(this::read);
    }

    public void saveRating(String reviewId, Rating r) {
        jdbc.sql("""
                insert into review.rating (review_id, rater_role, rater_id, round, scores, comment, explanation, view_total, view_grade)
                values (?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?)
                on conflict (review_id, rater_role, rater_id, round) do update set scores = excluded.scores,
                       comment = excluded.comment, explanation = excluded.explanation, view_total = excluded.view_total,
                       view_grade = excluded.view_grade, submitted_at = now()""")
                .params(
                        reviewId,
                        r.role(),
                        r.raterId(),
                        r.round(),
                        write(r.scores()),
                        r.comment(),
                        r.explanation(),
                        r.viewTotal(),
                        r.viewGrade())
                .update();
    }

    public List<Rating> ratings(String reviewId) {
        return jdbc.sql("""
                select rater_role, rater_id, round, scores::text, comment, explanation, view_total, view_grade
                  from review.rating where review_id = ? order by submitted_at, rater_role, rater_id""")
                .param(reviewId)
                .query((rs, n) -> new Rating(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        readScores(rs.getString(4)),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getBigDecimal(7),
                        rs.getString(8)))
                .list();
    }

    public void updateViewTotal(String reviewId, String role, String raterId, int round, double total, String grade) {
        jdbc.sql(
                        "update review.rating set view_total = ?, view_grade = ? where review_id = ? and rater_role = ? and rater_id = ? and round = ?")
                .params(total, grade, reviewId, role, raterId, round)
                .update();
    }

    public void saveScore(
            String reviewId, int version, double total, String grade, Object result, String reason, String changedBy) {
        jdbc.sql("""
                insert into review.score (review_id, version, total, grade, result, reason, changed_by)
                values (?, ?, ?, ?, cast(? as jsonb), ?, ?)
                on conflict (review_id, version) do nothing""")
                .params(reviewId, version, total, grade, write(result), reason, changedBy)
                .update();
    }

    public int latestScoreVersion(String reviewId) {
        return jdbc.sql("select coalesce(max(version), 0) from review.score where review_id = ?")
                .param(reviewId)
                .query(Integer.class)
                .single();
    }

    public void recordDecision(String reviewId, String step, String decidedBy, String outcome, String reason) {
        jdbc.sql("insert into review.decision (review_id, step, decided_by, outcome, reason) values (?, ?, ?, ?, ?)")
                .params(reviewId, step, decidedBy, outcome, reason)
                .update();
    }

    public record Decision(String step, String decidedBy, String outcome, String reason) {}

    /** The latest decision taken at a step (e.g. the indirect supervisor's send-back and its reason). */
    public Optional<Decision> latestDecision(String reviewId, String step) {
        return jdbc.sql("""
                select step, decided_by, outcome, reason from review.decision
                 where review_id = ? and step = ? order by decided_at desc, id desc limit 1""")
                .params(reviewId, step)
                .query((rs, n) -> new Decision(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    public void saveInterview(String reviewId, String heldBy, Object record) {
        jdbc.sql("""
                insert into review.interview (review_id, held_by, record) values (?, ?, cast(? as jsonb))
                on conflict (review_id) do update set held_by = excluded.held_by, record = excluded.record, held_at = now()""").params(reviewId, heldBy, write(record)).update();
    }

    public void fileAppeal(String reviewId, String facts, String filedBy) {
        jdbc.sql("""
                insert into review.appeal (review_id, facts, filed_by, status) values (?, ?, ?, 'FILED')
                on conflict (review_id) do update set facts = excluded.facts""").params(reviewId, facts, filedBy).update();
    }

    public void coordinateAppeal(String reviewId, String by, String outcome, String note) {
        jdbc.sql("""
                update review.appeal set coordinated_by = ?, coordination_outcome = ?, coordination_note = ?,
                       status = case when ? = 'resolved' then 'RESOLVED_BY_DEPARTMENT' else 'ESCALATED' end
                 where review_id = ?""").params(by, outcome, note, outcome, reviewId).update();
    }

    public void decideAppeal(
            String reviewId, String by, String decision, String reason, Map<String, Double> corrections) {
        jdbc.sql("""
                update review.appeal set decided_by = ?, decision = ?, decision_reason = ?, corrections = cast(? as jsonb),
                       decided_at = now(), status = case when ? = 'uphold' then 'UPHELD' else 'REJECTED' end
                 where review_id = ?""")
                .params(by, decision, reason, write(corrections), decision, reviewId)
                .update();
    }

    public record Appeal(
            String facts,
            String filedBy,
            String status,
            String decidedBy,
            String decisionReason,
            Map<String, Double> corrections,
            String coordinationNote) {}

    public Optional<Appeal> findAppeal(String reviewId) {
        return jdbc.sql("""
                select facts, filed_by, status, decided_by, decision_reason, corrections::text, coordination_note
                  from review.appeal where review_id = ?""")
                .param(reviewId)
                .query((rs, n) -> new Appeal(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6) == null ? Map.of() : readScores(rs.getString(6)),
                        rs.getString(7)))
                .optional();
    }

    public void setAppealStatus(String reviewId, String status) {
        jdbc.sql("update review.appeal set status = ? where review_id = ?")
                .params(status, reviewId)
                .update();
    }

    public int ratingRounds(String reviewId, String role, String raterId) {
        return jdbc.sql("select count(*) from review.rating where review_id = ? and rater_role = ? and rater_id = ?")
                .params(reviewId, role, raterId)
                .query(Integer.class)
                .single();
    }

    /** The whole review as one JSON document: the content of the archive. */
    public JsonNode dossier(String reviewId) {
        return read(jdbc.sql("""
                select json_build_object(
                  'review', (select row_to_json(r) from (select id, employee_id, period, scheme_id, scheme_version, cycle_id,
                                    process_instance_id, final_total, final_grade, created_at from review.review where id = :id) r),
                  'scheme', (select json_build_object('id', s.scheme_id, 'version', s.version, 'contentHash', s.content_hash)
                               from review.scheme_version s join review.review r on r.scheme_id = s.scheme_id
                                and r.scheme_version = s.version where r.id = :id),
                  'employee', (select row_to_json(e) from (select e.id, e.name_zh, e.name_en, e.org_unit_id, e.supervisor_id
                                 from review.employee e join review.review r on r.employee_id = e.id where r.id = :id) e),
                  'inputs', (select json_build_object('inputs', inputs, 'sources', sources, 'measured', measured, 'frozenAt', frozen_at)
                               from review.kpi_snapshot where review_id = :id),
                  'ratings', coalesce((select json_agg(row_to_json(x) order by x.submitted_at, x.rater_role, x.rater_id)
                               from (select rater_role, rater_id, round, scores, comment, explanation, view_total, view_grade,
                                            submitted_at from review.rating where review_id = :id) x), '[]'::json),
                  'scores', coalesce((select json_agg(row_to_json(x) order by x.version)
                               from (select version, total, grade, result, reason, changed_by, changed_at
                                       from review.score where review_id = :id) x), '[]'::json),
                  'decisions', coalesce((select json_agg(row_to_json(x) order by x.id)
                               from (select id, step, decided_by, outcome, reason, decided_at
                                       from review.decision where review_id = :id) x), '[]'::json),
                  'interview', (select row_to_json(x) from (select held_by, record, held_at from review.interview where review_id = :id) x),
                  'appeal', (select row_to_json(x) from (select facts, filed_by, filed_at, coordinated_by, coordination_outcome,
                                    coordination_note, decided_by, decision, decision_reason, decided_at, status
                               from review.appeal where review_id = :id) x)
                )::text""").param("id", reviewId).query(String.class).single());
    }

    /** Inserts the archive unless it exists; returns the stored hash either way. */
    public String archive(String reviewId, String document, String hash) {
        jdbc.sql(
                        "insert into review.archive (review_id, document, content_hash) values (?, cast(? as jsonb), ?) on conflict (review_id) do nothing")
                .params(reviewId, document, hash)
                .update();
        return jdbc.sql("select content_hash from review.archive where review_id = ?")
                .param(reviewId)
                .query(String.class)
                .single();
    }

    public record Archive(String reviewId, JsonNode document, String contentHash, String archivedAt) {}

    public Optional<Archive> findArchive(String reviewId) {
        return jdbc.sql(
                        "select review_id, document::text, content_hash, archived_at::text from review.archive where review_id = ?")
                .param(reviewId)
                .query((rs, n) -> new Archive(rs.getString(1), read(rs.getString(2)), rs.getString(3), rs.getString(4)))
                .optional();
    }

    private Map<String, Double> readScores(String text) {
        Map<String, Double> scores = new LinkedHashMap<>();
        read(text)
                .fields()
                .forEachRemaining(e -> scores.put(e.getKey(), e.getValue().asDouble()));
        return scores;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

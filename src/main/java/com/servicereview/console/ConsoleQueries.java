package com.servicereview.console;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of our own tables the console pages read (the engine's side is {@link CycleDashboard}'s). */
@Repository
class ConsoleQueries {

    record CycleRow(
            String id,
            String unitId,
            String unitNameZh,
            String unitNameEn,
            String period,
            String schemeId,
            String status,
            String processInstanceId,
            OffsetDateTime createdAt) {}

    /** A review of a cycle; {@code archived} when its archive row exists. */
    record CycleReview(
            String reviewId,
            String employeeId,
            String nameZh,
            String nameEn,
            String processInstanceId,
            boolean archived) {}

    record OpenAppeal(
            String reviewId, String employeeId, String nameZh, String nameEn, String status, OffsetDateTime filedAt) {}

    record Person(String id, String nameZh, String nameEn, String unitId) {}

    /** A unit one may start a cycle for (the start form's choices). */
    record Unit(String id, String kind, String nameZh, String nameEn) {}

    /** An archived review with its current total and grade (the latest score version). */
    record ArchivedReview(
            String reviewId,
            String period,
            String schemeId,
            BigDecimal total,
            String grade,
            OffsetDateTime archivedAt) {}

    /** One version of a review's score: version 1 the approved result, later ones upheld appeals. */
    record ScoreVersion(
            String reviewId,
            int version,
            BigDecimal total,
            String grade,
            String reason,
            String changedBy,
            OffsetDateTime changedAt) {}

    private final JdbcClient jdbc;

    ConsoleQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String CYCLE_SELECT = """
            select c.id, c.unit_id, u.name_zh, u.name_en, c.period, c.scheme_id, c.status, c.process_instance_id, c.created_at
              from review.cycle c join review.org_unit u on u.id = c.unit_id""";

    List<CycleRow> cycles() {
        return jdbc.sql(CYCLE_SELECT + " order by c.period desc, c.id")
                .query(ConsoleQueries::cycleRow)
                .list();
    }

    Optional<CycleRow> cycle(String cycleId) {
        return jdbc.sql(CYCLE_SELECT + " where c.id = ?")
                .param(cycleId)
                .query(ConsoleQueries::cycleRow)
                .optional();
    }

    private static CycleRow cycleRow(ResultSet rs, int n) throws SQLException {
        return new CycleRow(
                rs.getString("id"),
                rs.getString("unit_id"),
                rs.getString("name_zh"),
                rs.getString("name_en"),
                rs.getString("period"),
                rs.getString("scheme_id"),
                rs.getString("status"),
                rs.getString("process_instance_id"),
                rs.getObject("created_at", OffsetDateTime.class));
    }

    List<Unit> activeUnits() {
        return jdbc.sql("select id, kind, name_zh, name_en from review.org_unit where active order by id")
                .query((rs, n) -> new Unit(
                        rs.getString("id"), rs.getString("kind"), rs.getString("name_zh"), rs.getString("name_en")))
                .list();
    }

    List<CycleReview> reviewsOf(String cycleId) {
        return jdbc.sql("""
                        select r.id, r.employee_id, e.name_zh, e.name_en, r.process_instance_id,
                               exists (select 1 from review.archive a where a.review_id = r.id) as archived
                          from review.review r join review.employee e on e.id = r.employee_id
                         where r.cycle_id = ? order by r.employee_id""")
                .param(cycleId)
                .query((rs, n) -> new CycleReview(
                        rs.getString("id"),
                        rs.getString("employee_id"),
                        rs.getString("name_zh"),
                        rs.getString("name_en"),
                        rs.getString("process_instance_id"),
                        rs.getBoolean("archived")))
                .list();
    }

    /** Appeals of the cycle's reviews that are not archived yet: the appeal is still being handled. */
    List<OpenAppeal> openAppeals(String cycleId) {
        return jdbc.sql("""
                        select a.review_id, r.employee_id, e.name_zh, e.name_en, a.status, a.filed_at
                          from review.appeal a join review.review r on r.id = a.review_id join review.employee e on e.id = r.employee_id
                         where r.cycle_id = ? and not exists (select 1 from review.archive x where x.review_id = r.id)
                         order by a.filed_at""")
                .param(cycleId)
                .query((rs, n) -> new OpenAppeal(
                        rs.getString("review_id"),
                        rs.getString("employee_id"),
                        rs.getString("name_zh"),
                        rs.getString("name_en"),
                        rs.getString("status"),
                        rs.getObject("filed_at", OffsetDateTime.class)))
                .list();
    }

    Optional<Person> person(String employeeId) {
        return jdbc.sql("select id, name_zh, name_en, org_unit_id from review.employee where id = ?")
                .param(employeeId)
                .query((rs, n) -> new Person(
                        rs.getString("id"),
                        rs.getString("name_zh"),
                        rs.getString("name_en"),
                        rs.getString("org_unit_id")))
                .optional();
    }

    List<ArchivedReview> archivedReviews(String employeeId) {
        return jdbc.sql("""
                        select r.id, r.period, r.scheme_id, s.total, s.grade, a.archived_at
                          from review.review r join review.archive a on a.review_id = r.id
                          join review.score s on s.review_id = r.id
                               and s.version = (select max(version) from review.score m where m.review_id = r.id)
                         where r.employee_id = ? order by r.period, r.scheme_id""")
                .param(employeeId)
                .query((rs, n) -> new ArchivedReview(
                        rs.getString("id"),
                        rs.getString("period"),
                        rs.getString("scheme_id"),
                        rs.getBigDecimal("total"),
                        rs.getString("grade"),
                        rs.getObject("archived_at", OffsetDateTime.class)))
                .list();
    }

    List<ScoreVersion> scoreVersions(String employeeId) {
        return jdbc.sql("""
                        select s.review_id, s.version, s.total, s.grade, s.reason, s.changed_by, s.changed_at
                          from review.score s join review.review r on r.id = s.review_id
                         where r.employee_id = ? and exists (select 1 from review.archive a where a.review_id = r.id)
                         order by s.review_id, s.version""")
                .param(employeeId)
                .query((rs, n) -> new ScoreVersion(
                        rs.getString("review_id"),
                        rs.getInt("version"),
                        rs.getBigDecimal("total"),
                        rs.getString("grade"),
                        rs.getString("reason"),
                        rs.getString("changed_by"),
                        rs.getObject("changed_at", OffsetDateTime.class)))
                .list();
    }

    /** The people the manager leads (OrgAccess decides who may see whom; this only lists candidates). */
    List<Person> people(List<String> ids) {
        if (ids.isEmpty()) return List.of();
        return jdbc.sql(
                        "select id, name_zh, name_en, org_unit_id from review.employee where id in (:ids) order by org_unit_id, id")
                .param("ids", ids)
                .query((rs, n) -> new Person(
                        rs.getString("id"),
                        rs.getString("name_zh"),
                        rs.getString("name_en"),
                        rs.getString("org_unit_id")))
                .list();
    }
}

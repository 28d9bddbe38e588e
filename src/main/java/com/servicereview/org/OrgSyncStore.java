package com.servicereview.org;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Bulk reads and writes of the organisation tables for the import: one statement per kind of change, batched. */
@Repository
class OrgSyncStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    OrgSyncStore(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** One import (or demo load) at a time changes the organisation: two at once would judge each other's leavers wrongly. */
    void lock() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('org-sync'))").query().listOfRows();
    }

    OrgSnapshot load() {
        return load("true", "true", Map.of());
    }

    /**
     * One unit as {@link #load} reads the whole organisation: the unit, its people and their supervisors (whom its
     * people table names), and its group reviewers. For a unit's table on a large organisation page.
     */
    OrgSnapshot loadUnit(String unitId) {
        return load(
                "id = :unit",
                "org_unit_id = :unit or id in (select supervisor_id from review.employee where org_unit_id = :unit)",
                Map.of("unit", unitId));
    }

    private OrgSnapshot load(String unitsWhere, String peopleWhere, Map<String, Object> params) {
        Map<String, OrgSnapshot.Unit> units = new LinkedHashMap<>();
        jdbc.sql("select id, parent_id, kind, name_zh, name_en, head_employee_id, active from review.org_unit where "
                        + unitsWhere + " order by id")
                .params(params)
                .query(rs -> {
                    units.put(
                            rs.getString(1),
                            new OrgSnapshot.Unit(
                                    rs.getString(1),
                                    rs.getString(2),
                                    UnitKind.valueOf(rs.getString(3)),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getString(6),
                                    rs.getBoolean(7)));
                });
        Map<String, TreeSet<String>> flags = new HashMap<>();
        jdbc.sql(
                        "select employee_id, flag from review.employee_flag where employee_id in (select id from review.employee"
                                + " where " + peopleWhere + ")")
                .params(params)
                .query(rs -> {
                    flags.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2));
                });
        Map<String, OrgSnapshot.Person> people = new LinkedHashMap<>();
        jdbc.sql("""
                select id, name_zh, name_en, org_unit_id, job_title, role, supervisor_id, email, phone, hired_on, active_to,
                       hr_committee, active
                  from review.employee where %s order by id""".formatted(peopleWhere)).params(params).query(rs -> {
            String id = rs.getString(1);
            people.put(
                    id,
                    new OrgSnapshot.Person(
                            id,
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            Role.valueOf(rs.getString(6)),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getObject(10, LocalDate.class),
                            rs.getObject(11, LocalDate.class),
                            rs.getBoolean(12),
                            flags.getOrDefault(id, new TreeSet<>()),
                            rs.getBoolean(13)));
        });
        Set<OrgSnapshot.Pair> reviewers = new LinkedHashSet<>();
        jdbc.sql(
                        "select unit_id, reviewer_id from review.group_reviewer where unit_id in (select id from review.org_unit"
                                + " where " + unitsWhere + ") order by unit_id, reviewer_id")
                .params(params)
                .query(rs -> {
                    reviewers.add(new OrgSnapshot.Pair(rs.getString(1), rs.getString(2)));
                });
        return new OrgSnapshot(units, people, reviewers);
    }

    /** The direct members of camunda-admin: only an administrator's import may change them. */
    Set<String> administrators() {
        return new LinkedHashSet<>(jdbc.sql("select user_id_ from public.act_id_membership where group_id_ = ?")
                .param(OrgGroups.ADMINISTRATORS)
                .query(String.class)
                .list());
    }

    /** A review still running that the person works a step of. */
    record Participation(String userId, String reviewId, String role) {}

    /** The steps of reviews not yet archived that these people work (review.participant). */
    List<Participation> runningParticipations(Collection<String> userIds) {
        if (userIds.isEmpty()) return List.of();
        return jdbc.sql("""
                select p.user_id, p.review_id, p.role from review.participant p join review.review r on r.id = p.review_id
                 where r.status <> 'ARCHIVED' and p.user_id = any(?) order by p.user_id, p.review_id, p.role""")
                .param(userIds.toArray(String[]::new))
                .query((rs, n) -> new Participation(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    /** Inserts the new units bare (no parent, no head), so that the full update may then refer to any of them. */
    void insertUnits(Collection<OrgSnapshot.Unit> added) {
        batch.batchUpdate(
                "insert into review.org_unit (id, kind, name_zh, name_en, active) values (?, ?, ?, ?, ?)",
                added.stream()
                        .map(u -> new Object[] {u.id(), u.kind().name(), u.nameZh(), u.nameEn(), u.active()})
                        .toList());
    }

    void updateUnits(Collection<OrgSnapshot.Unit> units) {
        batch.batchUpdate(
                """
                update review.org_unit set parent_id = ?, kind = ?, name_zh = ?, name_en = ?, head_employee_id = ?, active = ?
                 where id = ?""",
                units.stream()
                        .map(u -> new Object[] {
                            u.parentId(), u.kind().name(), u.nameZh(), u.nameEn(), u.headId(), u.active(), u.id()
                        })
                        .toList());
    }

    /** Inserts the new people without supervisor, so that the full update may then refer to any of them. */
    void insertPeople(Collection<OrgSnapshot.Person> added) {
        batch.batchUpdate(
                "insert into review.employee (id, name_zh, name_en, role, hired_on, active) values (?, ?, ?, ?, ?, ?)",
                added.stream()
                        .map(p -> new Object[] {
                            p.id(), p.nameZh(), p.nameEn(), p.role().name(), Date.valueOf(p.activeFrom()), p.active()
                        })
                        .toList());
    }

    void updatePeople(Collection<OrgSnapshot.Person> people) {
        batch.batchUpdate(
                """
                update review.employee set name_zh = ?, name_en = ?, email = ?, org_unit_id = ?, job_title = ?, role = ?,
                       supervisor_id = ?, hired_on = ?, active = ?, phone = ?, active_to = ?, hr_committee = ?
                 where id = ?""",
                people.stream()
                        .map(p -> new Object[] {
                            p.nameZh(),
                            p.nameEn(),
                            p.email(),
                            p.unitId(),
                            p.jobTitle(),
                            p.role().name(),
                            p.supervisorId(),
                            Date.valueOf(p.activeFrom()),
                            p.active(),
                            p.phone(),
                            p.activeTo() == null ? null : Date.valueOf(p.activeTo()),
                            p.hrCommittee(),
                            p.id()
                        })
                        .toList());
    }

    void replaceFlags(Collection<OrgSnapshot.Person> people) {
        batch.batchUpdate(
                "delete from review.employee_flag where employee_id = ?",
                people.stream().map(p -> new Object[] {p.id()}).toList());
        List<Object[]> rows = new ArrayList<>();
        people.forEach(p -> p.flags().forEach(flag -> rows.add(new Object[] {p.id(), flag})));
        batch.batchUpdate("insert into review.employee_flag (employee_id, flag) values (?, ?)", rows);
    }

    void replaceGroupReviewers(Collection<OrgSnapshot.Pair> removed, Collection<OrgSnapshot.Pair> added) {
        batch.batchUpdate(
                "delete from review.group_reviewer where unit_id = ? and reviewer_id = ?",
                removed.stream()
                        .map(g -> new Object[] {g.unitId(), g.reviewerId()})
                        .toList());
        batch.batchUpdate(
                "insert into review.group_reviewer (unit_id, reviewer_id) values (?, ?)",
                added.stream()
                        .map(g -> new Object[] {g.unitId(), g.reviewerId()})
                        .toList());
    }
}

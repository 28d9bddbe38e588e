package com.servicereview.org;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes the organisation in {@code review.org_unit} and {@code review.employee}. */
@Repository
public class OrgRepository {

    private static final String EMPLOYEE_COLUMNS = """
            e.id, e.name_zh, e.name_en, e.email, e.org_unit_id, e.job_title, e.role,
            e.supervisor_id, e.hired_on, e.active""";

    private static final RowMapper<Employee> EMPLOYEE = (rs, row) -> new Employee(
            rs.getString("id"),
            rs.getString("name_zh"),
            rs.getString("name_en"),
            rs.getString("email"),
            rs.getString("org_unit_id"),
            rs.getString("job_title"),
            Role.valueOf(rs.getString("role")),
            rs.getString("supervisor_id"),
            rs.getObject("hired_on", LocalDate.class),
            rs.getBoolean("active"));

    private final JdbcClient jdbc;

    public OrgRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Employee> findEmployee(String id) {
        return jdbc.sql("select " + EMPLOYEE_COLUMNS + " from review.employee e where e.id = ?")
                .param(id)
                .query(EMPLOYEE)
                .optional();
    }

    /** The employee's direct supervisor, if the employee has one. */
    public Optional<Employee> directSupervisor(String employeeId) {
        return jdbc.sql("select " + EMPLOYEE_COLUMNS + """
                 from review.employee subordinate
                 join review.employee e on e.id = subordinate.supervisor_id
                where subordinate.id = ?""")
                .param(employeeId)
                .query(EMPLOYEE)
                .optional();
    }

    /** The head (部门负责人) of the department the employee's team belongs to, or of their own department. */
    public Optional<Employee> departmentHead(String employeeId) {
        return jdbc.sql("select " + EMPLOYEE_COLUMNS + """
                 from review.employee subordinate
                 join review.org_unit unit on unit.id = subordinate.org_unit_id
                 join review.org_unit dept on dept.id = case when unit.kind = 'DEPARTMENT' then unit.id else unit.parent_id end
                 join review.employee e on e.id = dept.head_employee_id
                where subordinate.id = ?""")
                .param(employeeId)
                .query(EMPLOYEE)
                .optional();
    }

    /**
     * A person with the three people above them in a review: the direct supervisor, the supervisor's supervisor and
     * the head of their department, each null when absent (as {@link #directSupervisor}, {@link #indirectSupervisor}
     * and {@link #departmentHead} find them).
     */
    public record Line(Employee employee, String supervisorId, String indirectSupervisorId, String departmentHeadId) {}

    /** {@link Line}s of many people in one statement (a cycle's launch slice), by employee id; unknown ids are absent. */
    public Map<String, Line> lines(Collection<String> employeeIds) {
        Map<String, Line> lines = new LinkedHashMap<>();
        if (employeeIds.isEmpty()) return lines;
        jdbc.sql("select " + EMPLOYEE_COLUMNS + """
                       , direct.id as direct_id, indirect.id as indirect_id, head.id as head_id
                  from review.employee e
                  left join review.employee direct on direct.id = e.supervisor_id
                  left join review.employee indirect on indirect.id = direct.supervisor_id
                  left join review.org_unit unit on unit.id = e.org_unit_id
                  left join review.org_unit dept on dept.id = case when unit.kind = 'DEPARTMENT' then unit.id else unit.parent_id end
                  left join review.employee head on head.id = dept.head_employee_id
                 where e.id = any(?)""")
                .param(employeeIds.toArray(String[]::new))
                .query((rs, n) -> new Line(
                        EMPLOYEE.mapRow(rs, n),
                        rs.getString("direct_id"),
                        rs.getString("indirect_id"),
                        rs.getString("head_id")))
                .list()
                .forEach(line -> lines.put(line.employee().id(), line));
        return lines;
    }

    /** The supervisor's supervisor (the "indirect supervisor" who signs off a review), if any. */
    public Optional<Employee> indirectSupervisor(String employeeId) {
        return jdbc.sql("select " + EMPLOYEE_COLUMNS + """
                 from review.employee subordinate
                 join review.employee direct on direct.id = subordinate.supervisor_id
                 join review.employee e on e.id = direct.supervisor_id
                where subordinate.id = ?""")
                .param(employeeId)
                .query(EMPLOYEE)
                .optional();
    }

    /** Active employees assigned to the unit, its head included when the head belongs to it. */
    /** Active employees of a department and of its teams, or of a team. */
    public List<Employee> unitAndTeamMembers(String unitId) {
        return jdbc.sql("select " + EMPLOYEE_COLUMNS + """
                 from review.employee e join review.org_unit u on u.id = e.org_unit_id
                where (u.id = ? or u.parent_id = ?) and e.active order by e.id""")
                .params(unitId, unitId)
                .query(EMPLOYEE)
                .list();
    }

    public Optional<OrgUnit> unit(String unitId) {
        return jdbc.sql(
                        "select id, parent_id, kind, name_zh, name_en, head_employee_id from review.org_unit where id = ?")
                .param(unitId)
                .query((rs, n) -> new OrgUnit(
                        rs.getString(1),
                        rs.getString(2),
                        UnitKind.valueOf(rs.getString(3)),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)))
                .optional();
    }

    public List<OrgUnit> units() {
        return jdbc.sql(
                        "select id, parent_id, kind, name_zh, name_en, head_employee_id from review.org_unit order by id")
                .query((rs, n) -> new OrgUnit(
                        rs.getString(1),
                        rs.getString(2),
                        UnitKind.valueOf(rs.getString(3)),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)))
                .list();
    }

    /** Everyone of a unit and of every unit below it, leavers included (their reviews stay readable). */
    public List<Employee> unitTreeMembers(String unitId) {
        return jdbc.sql("""
                with recursive tree(id) as (
                    select id from review.org_unit where id = ?
                    union all
                    select u.id from review.org_unit u join tree on u.parent_id = tree.id)
                """ + "select " + EMPLOYEE_COLUMNS
                        + " from review.employee e where e.org_unit_id in (select id from tree) order by e.id")
                .param(unitId)
                .query(EMPLOYEE)
                .list();
    }

    public List<Employee> employees() {
        return jdbc.sql("select " + EMPLOYEE_COLUMNS + " from review.employee e order by e.id")
                .query(EMPLOYEE)
                .list();
    }

    public List<Employee> teamMembers(String unitId) {
        return jdbc.sql("select " + EMPLOYEE_COLUMNS
                        + " from review.employee e where e.org_unit_id = ? and e.active order by e.id")
                .param(unitId)
                .query(EMPLOYEE)
                .list();
    }

    /** The employee's supervisors, direct first, then theirs, up to the top of the hierarchy. */
    public List<String> supervisorChain(String employeeId) {
        // The depth limit stops a supervisor loop in bad data.
        return jdbc.sql("""
                with recursive chain (id, depth) as (
                    select supervisor_id, 1 from review.employee where id = ? and supervisor_id is not null
                    union all
                    select e.supervisor_id, chain.depth + 1
                      from review.employee e join chain on e.id = chain.id
                     where e.supervisor_id is not null and chain.depth < 100)
                select id from chain group by id order by min(depth)""").param(employeeId).query(String.class).list();
    }

    /** Whether the manager heads the unit or a unit above it. */
    public boolean headsUnitOrAbove(String managerId, String unitId) {
        return jdbc.sql("""
                with recursive up (id) as (
                    select ?::text
                    union
                    select u.parent_id from review.org_unit u join up on u.id = up.id where u.parent_id is not null)
                select exists (select 1 from review.org_unit u join up on u.id = up.id where u.head_employee_id = ?)""").params(unitId, managerId).query(Boolean.class).single();
    }

    /** @return true if the unit was inserted, false if a unit with that id already existed */
    public boolean insertOrgUnitIfAbsent(OrgUnit unit) {
        return jdbc.sql("""
                insert into review.org_unit (id, parent_id, kind, name_zh, name_en, head_employee_id)
                values (?, ?, ?, ?, ?, ?)
                on conflict (id) do nothing""")
                        .params(
                                unit.id(),
                                unit.parentId(),
                                unit.kind().name(),
                                unit.nameZh(),
                                unit.nameEn(),
                                unit.headEmployeeId())
                        .update()
                == 1;
    }

    /** @return true if the employee was inserted, false if an employee with that id already existed */
    public boolean insertEmployeeIfAbsent(Employee employee) {
        return insertEmployeeIfAbsent(employee, false);
    }

    /** @param hrCommittee whether they sit on the HR committee (人事决策委员会, group hr-committee) */
    public boolean insertEmployeeIfAbsent(Employee employee, boolean hrCommittee) {
        return jdbc.sql("""
                insert into review.employee (id, name_zh, name_en, email, org_unit_id, job_title, role,
                                             supervisor_id, hired_on, active, hr_committee)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (id) do nothing""")
                        .params(
                                employee.id(),
                                employee.nameZh(),
                                employee.nameEn(),
                                employee.email(),
                                employee.orgUnitId(),
                                employee.jobTitle(),
                                employee.role().name(),
                                employee.supervisorId(),
                                employee.hiredOn(),
                                employee.active(),
                                hrCommittee)
                        .update()
                == 1;
    }

    /** @return true if the unit had no parent and now has this one (an edited parent is kept) */
    public boolean setParentIfUnset(String unitId, String parentId) {
        return jdbc.sql("update review.org_unit set parent_id = ? where id = ? and parent_id is null")
                        .params(parentId, unitId)
                        .update()
                == 1;
    }

    /** @return true if the employee had no supervisor and now has this one (an edited supervisor is kept) */
    public boolean setSupervisorIfUnset(String employeeId, String supervisorId) {
        return jdbc.sql("update review.employee set supervisor_id = ? where id = ? and supervisor_id is null")
                        .params(supervisorId, employeeId)
                        .update()
                == 1;
    }

    /** @return true if the reviewer was added to the unit's group reviewers */
    public boolean insertGroupReviewerIfAbsent(String unitId, String reviewerId) {
        return jdbc.sql("insert into review.group_reviewer (unit_id, reviewer_id) values (?, ?) on conflict do nothing")
                        .params(unitId, reviewerId)
                        .update()
                > 0;
    }

    /**
     * Everyone the manager leads: the people of the units they head and of every unit below them,
     * and the people they supervise directly or indirectly.
     */
    public List<String> ledBy(String managerId) {
        return jdbc.sql("""
                with recursive led (id) as (
                    select id from review.org_unit where head_employee_id = :manager
                    union
                    select u.id from review.org_unit u join led on u.parent_id = led.id),
                reports (id) as (
                    select id from review.employee where supervisor_id = :manager
                    union
                    select e.id from review.employee e join reports on e.supervisor_id = reports.id)
                select e.id from review.employee e
                 where e.id <> :manager and (e.org_unit_id in (select id from led) or e.id in (select id from reports))
                 order by e.id""").param("manager", managerId).query(String.class).list();
    }
}

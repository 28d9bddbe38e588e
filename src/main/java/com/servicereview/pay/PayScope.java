package com.servicereview.pay;

import com.servicereview.web.NotFoundException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a pay-input file of one unit covers: the unit and every unit below it, their people, and the inputs already stored
 * for a month. The template lists it, the upload is checked against it.
 */
@Component
class PayScope {

    record Unit(String id, String nameZh, String nameEn, boolean active) {}

    record Person(String id, String nameZh, String nameEn, String unitId, boolean active) {}

    /** The units in tree order (the unit first, each unit before the units below it) and their people (leavers included). */
    record Tree(String unitId, List<Unit> units, List<Person> people) {

        Map<String, Unit> unitsById() {
            Map<String, Unit> byId = new LinkedHashMap<>();
            units.forEach(u -> byId.put(u.id(), u));
            return byId;
        }

        Map<String, Person> peopleById() {
            Map<String, Person> byId = new LinkedHashMap<>();
            people.forEach(p -> byId.put(p.id(), p));
            return byId;
        }

        /** The active people, ordered by their unit's place in the tree, then by id. */
        List<Person> activePeople() {
            List<String> order = units.stream().map(Unit::id).toList();
            return people.stream()
                    .filter(Person::active)
                    .sorted((a, b) -> {
                        int byUnit = Integer.compare(order.indexOf(a.unitId()), order.indexOf(b.unitId()));
                        return byUnit != 0 ? byUnit : a.id().compareTo(b.id());
                    })
                    .toList();
        }

        List<Unit> activeUnits() {
            return units.stream().filter(Unit::active).toList();
        }
    }

    private final JdbcClient jdbc;

    PayScope(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The unit's tree; 404 for an unknown unit. */
    Tree tree(String unitId) {
        // The path guards against a parent loop in bad data.
        List<Unit> units = jdbc.sql("""
                        with recursive tree (id, path) as (
                            select id, array[id] from review.org_unit where id = ?
                            union all
                            select u.id, tree.path || u.id from review.org_unit u join tree on u.parent_id = tree.id
                             where not u.id = any (tree.path))
                        select u.id, u.name_zh, u.name_en, u.active from tree join review.org_unit u using (id) order by tree.path""")
                .param(unitId)
                .query((rs, n) -> new Unit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .list();
        if (units.isEmpty()) throw new NotFoundException("unit", "没有单位 " + unitId + " / no unit " + unitId);
        List<Person> people = jdbc.sql("""
                        select id, name_zh, name_en, org_unit_id, active from review.employee
                         where org_unit_id in (:units) order by id""")
                .param("units", units.stream().map(Unit::id).toList())
                .query((rs, n) -> new Person(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)))
                .list();
        return new Tree(unitId, units, people);
    }

    /** Of the given employee ids, those that exist (anywhere in the organisation), with their unit. */
    Map<String, String> unitsOfEmployees(Collection<String> ids) {
        Map<String, String> found = new HashMap<>();
        if (ids.isEmpty()) return found;
        jdbc.sql("select id, org_unit_id from review.employee where id in (:ids)")
                .param("ids", List.copyOf(ids))
                .query(rs -> {
                    found.put(rs.getString(1), rs.getString(2));
                });
        return found;
    }

    /** Of the given unit ids, those that exist. */
    List<String> existingUnits(Collection<String> ids) {
        if (ids.isEmpty()) return List.of();
        return new ArrayList<>(jdbc.sql("select id from review.org_unit where id in (:ids)")
                .param("ids", List.copyOf(ids))
                .query(String.class)
                .list());
    }

    /** The stored inputs of an employee: post salary, own sales, seniority pay. */
    record StoredPerson(BigDecimal postSalary, BigDecimal ownSales, BigDecimal seniorityPay) {}

    record StoredUnit(BigDecimal teamBonusPool, BigDecimal teamSales, BigDecimal publicSales, BigDecimal bonusPool) {}

    Map<String, StoredPerson> storedPeople(String period) {
        Map<String, StoredPerson> stored = new HashMap<>();
        jdbc.sql(
                        "select employee_id, post_salary, own_sales, seniority_pay from review.pay_employee_input where period = ?")
                .param(period)
                .query(rs -> {
                    stored.put(
                            rs.getString(1),
                            new StoredPerson(rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4)));
                });
        return stored;
    }

    Map<String, StoredUnit> storedUnits(String period) {
        Map<String, StoredUnit> stored = new HashMap<>();
        jdbc.sql("""
                        select unit_id, team_bonus_pool, team_sales, public_sales, bonus_pool
                          from review.pay_unit_input where period = ?""").param(period).query(rs -> {
            stored.put(
                    rs.getString(1),
                    new StoredUnit(rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5)));
        });
        return stored;
    }
}

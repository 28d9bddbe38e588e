package com.servicereview.pay;

import com.servicereview.org.OrgGroups;
import com.servicereview.security.CurrentUser;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the console's pay page (console.PayConsolePage) shows of a unit and month: the units to choose from, the stored
 * inputs of the unit's people and units, and the cycles of the month whose pay may be computed. Reads only; entering,
 * computing and exporting go through the API ({@link PayController}), which the page calls.
 */
@Component
public class PayOverview {

    /** A unit to choose, {@code depth} levels below the top. */
    public record UnitOption(String id, String nameZh, String nameEn, int depth) {}

    /** An active person of the unit with what is stored for the month (nulls when nothing is). */
    public record PersonRow(
            String id,
            String nameZh,
            String nameEn,
            String unitId,
            BigDecimal postSalary,
            BigDecimal ownSales,
            BigDecimal seniorityPay) {

        public boolean filled() {
            return postSalary != null;
        }
    }

    public record UnitRow(
            String id,
            String nameZh,
            String nameEn,
            BigDecimal teamBonusPool,
            BigDecimal teamSales,
            BigDecimal publicSales,
            BigDecimal bonusPool) {

        public boolean filled() {
            return teamBonusPool != null;
        }
    }

    /** A cycle of the month of the unit or a unit below it; {@code paidEmployees} is 0 until its pay is computed. */
    public record CycleRow(String id, String unitId, String schemeId, String status, int paidEmployees) {

        /** Pay is computed for a calibrated or closed cycle ({@link PayService#compute}). */
        public boolean computable() {
            return status.equals("CALIBRATION") || status.equals("CLOSED");
        }
    }

    public record Overview(
            String period, String unitId, List<UnitRow> units, List<PersonRow> people, List<CycleRow> cycles) {

        public long peopleFilled() {
            return people.stream().filter(PersonRow::filled).count();
        }

        public long unitsFilled() {
            return units.stream().filter(UnitRow::filled).count();
        }
    }

    private final JdbcClient jdbc;
    private final PayScope scope;

    PayOverview(JdbcClient jdbc, PayScope scope) {
        this.jdbc = jdbc;
        this.scope = scope;
    }

    /** Whether the caller may use pay: HR, the rule of {@code /api/pay/**} in security.AccessRules. */
    public boolean mayUse() {
        return CurrentUser.inGroup(OrgGroups.HR);
    }

    /** The active units, each followed by the units below it. */
    public List<UnitOption> units() {
        return jdbc.sql("""
                        with recursive tree (id, depth, path) as (
                            select id, 0, array[id] from review.org_unit where parent_id is null
                            union all
                            select u.id, tree.depth + 1, tree.path || u.id from review.org_unit u join tree on u.parent_id = tree.id
                             where not u.id = any (tree.path))
                        select u.id, u.name_zh, u.name_en, tree.depth from tree join review.org_unit u using (id)
                         where u.active order by tree.path""")
                .query((rs, n) -> new UnitOption(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
                .list();
    }

    /** The unit's stored inputs of the month and its cycles; 404 for an unknown unit, 400 for a bad month. */
    public Overview overview(String period, String unitId) {
        PayService.checkPeriod(period);
        PayScope.Tree tree = scope.tree(unitId);
        Map<String, PayScope.StoredPerson> people = scope.storedPeople(period);
        Map<String, PayScope.StoredUnit> units = scope.storedUnits(period);
        List<PersonRow> personRows = tree.activePeople().stream()
                .map(p -> {
                    PayScope.StoredPerson s = people.get(p.id());
                    return new PersonRow(
                            p.id(),
                            p.nameZh(),
                            p.nameEn(),
                            p.unitId(),
                            s == null ? null : s.postSalary(),
                            s == null ? null : s.ownSales(),
                            s == null ? null : s.seniorityPay());
                })
                .toList();
        List<UnitRow> unitRows = tree.activeUnits().stream()
                .map(u -> {
                    PayScope.StoredUnit s = units.get(u.id());
                    return new UnitRow(
                            u.id(),
                            u.nameZh(),
                            u.nameEn(),
                            s == null ? null : s.teamBonusPool(),
                            s == null ? null : s.teamSales(),
                            s == null ? null : s.publicSales(),
                            s == null ? null : s.bonusPool());
                })
                .toList();
        List<CycleRow> cycles = jdbc.sql("""
                        select y.id, y.unit_id, y.scheme_id, y.status,
                               (select count(distinct p.employee_id) from review.pay_line p where p.cycle_id = y.id)
                          from review.cycle y where y.period = :period and y.unit_id in (:units) order by y.id""")
                .param("period", period)
                .param("units", tree.units().stream().map(PayScope.Unit::id).toList())
                .query((rs, n) ->
                        new CycleRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)))
                .list();
        return new Overview(period, unitId, unitRows, personRows, cycles);
    }
}

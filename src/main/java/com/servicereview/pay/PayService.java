package com.servicereview.pay;

import com.servicereview.web.ConflictException;
import com.servicereview.web.NotFoundException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pay per review cycle (domain §5 M1–M4 plus the C1/C2 amounts), computed in plain Java from the
 * cycle's calibration rows and HR's pay inputs of the cycle's period, and stored in
 * {@code review.pay_line}. Every line is rounded once to 0.01 yuan, HALF_UP, from its exact value;
 * the monthly pay is the sum of the rounded paid lines. See docs/pay.md.
 */
@Service
public class PayService {

    static final String PERIOD_PATTERN = "^[0-9]{4}-(0[1-9]|1[0-2])$";
    static final BigDecimal PUBLIC_RATE = new BigDecimal("0.005");
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000"); // numeric(14, 2)
    static final BigDecimal MONTH_PART = new BigDecimal("0.5");
    static final BigDecimal QUARTER_PART = new BigDecimal("0.2");

    private final JdbcClient jdbc;
    private final PublicCommissionMode configuredMode;

    public PayService(
            JdbcClient jdbc, @Value("${service-review.pay.public-commission:performance-share}") String mode) {
        this.jdbc = jdbc;
        this.configuredMode = PublicCommissionMode.of(mode);
    }

    public PublicCommissionMode configuredMode() {
        return configuredMode;
    }

    // ---------------------------------------------------------------- inputs

    public record UnitInput(
            String unitId,
            BigDecimal teamBonusPool,
            BigDecimal teamSales,
            BigDecimal publicSales,
            BigDecimal bonusPool) {}

    public record EmployeeInput(
            String employeeId, BigDecimal postSalary, BigDecimal ownSales, BigDecimal seniorityPay) {}

    public record Inputs(List<UnitInput> units, List<EmployeeInput> employees) {}

    /** Validates all of it first (every fault named), then upserts the rows it lists; other rows of the period stay. */
    @Transactional
    public Map<String, Object> saveInputs(String period, Inputs inputs, String user) {
        List<PayInputException.Fault> faults = new ArrayList<>();
        if (period == null || !period.matches(PERIOD_PATTERN))
            faults.add(new PayInputException.Fault("period", "must be YYYY-MM"));
        List<UnitInput> units = inputs == null || inputs.units() == null ? List.of() : inputs.units();
        List<EmployeeInput> employees = inputs == null || inputs.employees() == null ? List.of() : inputs.employees();
        if (units.isEmpty() && employees.isEmpty())
            faults.add(new PayInputException.Fault("units", "give at least one of units or employees"));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < units.size(); i++) {
            UnitInput u = units.get(i);
            String at = "units[" + i + "]";
            if (u == null) {
                faults.add(new PayInputException.Fault(at, "is null"));
                continue;
            }
            if (u.unitId() == null || u.unitId().isBlank())
                faults.add(new PayInputException.Fault(at + ".unitId", "is required"));
            else if (!exists("org_unit", u.unitId()))
                faults.add(new PayInputException.Fault(at + ".unitId", "unknown unit " + u.unitId()));
            else if (!seen.add("unit:" + u.unitId()))
                faults.add(new PayInputException.Fault(at + ".unitId", "unit " + u.unitId() + " is listed twice"));
            amount(faults, at + ".teamBonusPool", u.teamBonusPool(), true);
            amount(faults, at + ".teamSales", u.teamSales(), true);
            amount(faults, at + ".publicSales", u.publicSales(), true);
            amount(faults, at + ".bonusPool", u.bonusPool(), true);
        }
        for (int i = 0; i < employees.size(); i++) {
            EmployeeInput e = employees.get(i);
            String at = "employees[" + i + "]";
            if (e == null) {
                faults.add(new PayInputException.Fault(at, "is null"));
                continue;
            }
            if (e.employeeId() == null || e.employeeId().isBlank())
                faults.add(new PayInputException.Fault(at + ".employeeId", "is required"));
            else if (!exists("employee", e.employeeId()))
                faults.add(new PayInputException.Fault(at + ".employeeId", "unknown employee " + e.employeeId()));
            else if (!seen.add("employee:" + e.employeeId()))
                faults.add(new PayInputException.Fault(
                        at + ".employeeId", "employee " + e.employeeId() + " is listed twice"));
            amount(faults, at + ".postSalary", e.postSalary(), true);
            amount(faults, at + ".ownSales", e.ownSales(), true);
            amount(faults, at + ".seniorityPay", e.seniorityPay(), false);
        }
        if (!faults.isEmpty()) throw new PayInputException(faults);
        for (UnitInput u : units) {
            jdbc.sql("""
                            insert into review.pay_unit_input (period, unit_id, team_bonus_pool, team_sales, public_sales, bonus_pool, updated_by)
                            values (?, ?, ?, ?, ?, ?, ?)
                            on conflict (period, unit_id) do update set team_bonus_pool = excluded.team_bonus_pool,
                                team_sales = excluded.team_sales, public_sales = excluded.public_sales,
                                bonus_pool = excluded.bonus_pool, updated_by = excluded.updated_by, updated_at = now()""")
                    .params(period, u.unitId(), u.teamBonusPool(), u.teamSales(), u.publicSales(), u.bonusPool(), user)
                    .update();
        }
        for (EmployeeInput e : employees) {
            jdbc.sql("""
                            insert into review.pay_employee_input (period, employee_id, post_salary, own_sales, seniority_pay, updated_by)
                            values (?, ?, ?, ?, ?, ?)
                            on conflict (period, employee_id) do update set post_salary = excluded.post_salary,
                                own_sales = excluded.own_sales, seniority_pay = excluded.seniority_pay,
                                updated_by = excluded.updated_by, updated_at = now()""")
                    .params(
                            period,
                            e.employeeId(),
                            e.postSalary(),
                            e.ownSales(),
                            e.seniorityPay() == null ? BigDecimal.ZERO : e.seniorityPay(),
                            user)
                    .update();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("period", period);
        body.put("units", units.size());
        body.put("employees", employees.size());
        return body;
    }

    /** 400 unless {@code period} is a month, YYYY-MM. */
    static void checkPeriod(String period) {
        if (period == null || !period.matches(PERIOD_PATTERN))
            throw new PayInputException(List.of(new PayInputException.Fault("period", "must be YYYY-MM")));
    }

    /** The inputs stored for a period. */
    public Map<String, Object> inputs(String period) {
        checkPeriod(period);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("period", period);
        body.put("units", jdbc.sql("""
                        select unit_id as "unitId", team_bonus_pool as "teamBonusPool", team_sales as "teamSales",
                               public_sales as "publicSales", bonus_pool as "bonusPool"
                          from review.pay_unit_input where period = ? order by unit_id""").param(period).query().listOfRows());
        body.put("employees", jdbc.sql("""
                        select employee_id as "employeeId", post_salary as "postSalary", own_sales as "ownSales",
                               seniority_pay as "seniorityPay"
                          from review.pay_employee_input where period = ? order by employee_id""").param(period).query().listOfRows());
        return body;
    }

    private boolean exists(String table, String id) {
        return jdbc.sql("select count(*) from review." + table + " where id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    private static void amount(List<PayInputException.Fault> faults, String field, BigDecimal value, boolean required) {
        if (value == null) {
            if (required) faults.add(new PayInputException.Fault(field, "is required (yuan, ≥ 0, two decimals)"));
        } else if (value.signum() < 0) {
            faults.add(new PayInputException.Fault(field, "must be ≥ 0, not " + value.toPlainString()));
        } else if (value.stripTrailingZeros().scale() > 2) {
            faults.add(new PayInputException.Fault(field, "has more than two decimals: " + value.toPlainString()));
        } else if (value.compareTo(MAX_AMOUNT) >= 0) {
            faults.add(new PayInputException.Fault(field, "must be below 1000000000000 yuan"));
        }
    }

    // ---------------------------------------------------------------- computation

    public record Line(PayLineKind kind, BigDecimal amount, String formula) {}

    /** One employee's pay; lines in {@link PayLineKind} order. */
    public record EmployeePay(
            String employeeId,
            String nameZh,
            String nameEn,
            int rank,
            String grade,
            BigDecimal total,
            Map<PayLineKind, Line> lines) {}

    public record CyclePay(String cycleId, String unitId, String period, List<EmployeePay> employees) {}

    private record Member(String employeeId, String unitId, BigDecimal total, int rank) {}

    private record UnitFigures(
            String unitId,
            BigDecimal teamBonusPool,
            BigDecimal teamSales,
            BigDecimal publicSales,
            BigDecimal bonusPool) {}

    private record EmployeeFigures(BigDecimal postSalary, BigDecimal ownSales, BigDecimal seniorityPay) {}

    /** Whether HR has entered the cycle's pay inputs: its unit's figures and every calibrated member's. */
    public boolean inputsReady(String cycleId) {
        return jdbc.sql("""
                select exists (select 1 from review.cycle y join review.pay_unit_input u on u.unit_id = y.unit_id and u.period = y.period
                                where y.id = :cycle)
                   and exists (select 1 from review.calibration where cycle_id = :cycle)
                   and not exists (select 1 from review.calibration c join review.cycle y on y.id = c.cycle_id
                                    where c.cycle_id = :cycle and not exists (select 1 from review.pay_employee_input p
                                          where p.period = y.period and p.employee_id = c.employee_id))""").param("cycle", cycleId).query(Boolean.class).single();
    }

    /** Computes with the configured M2 variant. */
    public CyclePay compute(String cycleId) {
        return compute(cycleId, configuredMode);
    }

    /**
     * Computes and stores the cycle's pay lines, replacing what was stored (idempotent: the same inputs give the
     * same rows). The cycle must be in calibration or closed, with calibration rows and inputs for all of them.
     */
    @Transactional
    public CyclePay compute(String cycleId, PublicCommissionMode mode) {
        Map<String, Object> cycle = jdbc
                .sql("select unit_id, period, status from review.cycle where id = ? for update")
                .param(cycleId)
                .query()
                .listOfRows()
                .stream()
                .findFirst()
                .orElseThrow(() -> new NotFoundException("cycleId", "no cycle " + cycleId));
        String unitId = (String) cycle.get("unit_id");
        String period = (String) cycle.get("period");
        String status = (String) cycle.get("status");
        if (!List.of("CALIBRATION", "CLOSED").contains(status))
            throw new ConflictException(
                    "cycleId",
                    "cycle " + cycleId + " is " + status + "; pay needs a calibrated (CALIBRATION) or CLOSED cycle");
        List<Member> members = jdbc.sql("""
                        select c.employee_id, e.org_unit_id, c.total, c.rank
                          from review.calibration c join review.employee e on e.id = c.employee_id
                         where c.cycle_id = ? order by c.rank, c.employee_id""")
                .param(cycleId)
                .query((rs, n) -> new Member(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getInt(4)))
                .list();
        if (members.isEmpty())
            throw new ConflictException("cycleId", "cycle " + cycleId + " has no calibration rows yet");

        Map<String, UnitFigures> units = new HashMap<>();
        jdbc.sql(
                        "select unit_id, team_bonus_pool, team_sales, public_sales, bonus_pool from review.pay_unit_input where period = ?")
                .param(period)
                .query((rs, n) -> new UnitFigures(
                        rs.getString(1),
                        rs.getBigDecimal(2),
                        rs.getBigDecimal(3),
                        rs.getBigDecimal(4),
                        rs.getBigDecimal(5)))
                .list()
                .forEach(u -> units.put(u.unitId(), u));
        Map<String, EmployeeFigures> people = new HashMap<>();
        jdbc.sql(
                        "select employee_id, post_salary, own_sales, seniority_pay from review.pay_employee_input where period = ?")
                .param(period)
                .query()
                .listOfRows()
                .forEach(r -> people.put(
                        (String) r.get("employee_id"),
                        new EmployeeFigures(
                                (BigDecimal) r.get("post_salary"), (BigDecimal) r.get("own_sales"), (BigDecimal)
                                        r.get("seniority_pay"))));
        UnitFigures cycleUnit = units.get(unitId);
        if (cycleUnit == null)
            throw new ConflictException(
                    "units",
                    "no pay inputs for unit " + unitId + " in " + period + " (PUT /api/pay/inputs/" + period + ")");
        List<String> missing = members.stream()
                .map(Member::employeeId)
                .filter(e -> !people.containsKey(e))
                .toList();
        if (!missing.isEmpty())
            throw new ConflictException(
                    "employees", "no pay inputs in " + period + " for " + String.join(", ", missing));

        Map<String, Map<String, BigDecimal>> consequences = new HashMap<>();
        jdbc.sql("""
                        select employee_id, rule, sum(amount) as amount from review.consequence
                         where cycle_id = ? and amount is not null and rule in ('C1', 'C2') group by employee_id, rule""")
                .param(cycleId)
                .query()
                .listOfRows()
                .forEach(r -> consequences
                        .computeIfAbsent((String) r.get("employee_id"), k -> new HashMap<>())
                        .put((String) r.get("rule"), (BigDecimal) r.get("amount")));

        BigDecimal sumOfTotals = members.stream().map(Member::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        int headcount = members.size();
        jdbc.sql("delete from review.pay_line where cycle_id = ?")
                .param(cycleId)
                .update();
        for (Member m : members) {
            EmployeeFigures p = people.get(m.employeeId());
            UnitFigures team = units.getOrDefault(m.unitId(), cycleUnit);
            List<Line> lines = new ArrayList<>();
            lines.add(new Line(PayLineKind.POST_SALARY, p.postSalary(), "岗位工资 post salary " + s(p.postSalary())));
            // M1
            BigDecimal personal = team.teamSales().signum() == 0
                    ? zero()
                    : round(team.teamBonusPool().multiply(p.ownSales()), team.teamSales());
            lines.add(new Line(
                    PayLineKind.PERSONAL_COMMISSION,
                    personal,
                    team.teamSales().signum() == 0
                            ? "team sales of " + team.unitId() + " are 0 → 0.00"
                            : "M1 team bonus pool " + s(team.teamBonusPool()) + " × own sales " + s(p.ownSales())
                                    + " ÷ team sales " + s(team.teamSales()) + " (" + team.unitId() + ") = "
                                    + s(personal)));
            // M2
            BigDecimal publicPart;
            String publicFormula;
            if (mode == PublicCommissionMode.EQUAL) {
                publicPart = round(cycleUnit.publicSales().multiply(PUBLIC_RATE), BigDecimal.valueOf(headcount));
                publicFormula = "M2 (equal, plan 5) public sales " + s(cycleUnit.publicSales()) + " × 0.5% ÷ "
                        + headcount + " staff = " + s(publicPart);
            } else if (sumOfTotals.signum() == 0) {
                publicPart = zero();
                publicFormula = "M2 (performance-share) sum of totals is 0 → 0.00";
            } else {
                publicPart = round(cycleUnit.publicSales().multiply(PUBLIC_RATE).multiply(m.total()), sumOfTotals);
                publicFormula = "M2 (performance-share, 2024 plan) public sales " + s(cycleUnit.publicSales())
                        + " × 0.5% × total " + s(m.total()) + " ÷ sum of totals " + s(sumOfTotals) + " = "
                        + s(publicPart);
            }
            lines.add(new Line(PayLineKind.PUBLIC_COMMISSION, publicPart, publicFormula));
            // M4: the employee's share of the bonus pool, split 5:2:3; the year part takes the rounding remainder.
            BigDecimal bonus = sumOfTotals.signum() == 0
                    ? zero()
                    : round(cycleUnit.bonusPool().multiply(m.total()), sumOfTotals);
            BigDecimal month = bonus.multiply(MONTH_PART).setScale(2, RoundingMode.HALF_UP);
            BigDecimal quarter = bonus.multiply(QUARTER_PART).setScale(2, RoundingMode.HALF_UP);
            BigDecimal year = bonus.subtract(month).subtract(quarter);
            String share = "bonus = pool " + s(cycleUnit.bonusPool()) + " × total " + s(m.total()) + " ÷ sum of totals "
                    + s(sumOfTotals) + " = " + s(bonus);
            lines.add(new Line(PayLineKind.BONUS_MONTH, month, "M4 " + share + "; × 5/10 = " + s(month)));
            lines.add(
                    new Line(PayLineKind.SENIORITY_PAY, p.seniorityPay(), "工龄工资 seniority pay " + s(p.seniorityPay())));
            Map<String, BigDecimal> own = consequences.getOrDefault(m.employeeId(), Map.of());
            BigDecimal c1 = own.getOrDefault("C1", zero()).setScale(2, RoundingMode.HALF_UP);
            BigDecimal c2 = own.getOrDefault("C2", zero()).setScale(2, RoundingMode.HALF_UP);
            lines.add(new Line(
                    PayLineKind.CONSEQUENCE_C1,
                    c1,
                    "C1 amounts of review.consequence for rank " + m.rank() + " = " + s(c1)));
            lines.add(new Line(PayLineKind.CONSEQUENCE_C2, c2, "C2 amounts of review.consequence = " + s(c2)));
            BigDecimal total = lines.stream()
                    .filter(l -> l.kind().paid)
                    .map(Line::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            lines.add(new Line(
                    PayLineKind.MONTHLY_PAY,
                    total,
                    "M3 "
                            + lines.stream()
                                    .filter(l -> l.kind().paid)
                                    .map(l -> s(l.amount()))
                                    .collect(Collectors.joining(" + "))
                            + " = " + s(total)));
            lines.add(new Line(
                    PayLineKind.BONUS_QUARTER_ACCRUED,
                    quarter,
                    "M4 " + share + "; × 2/10 = " + s(quarter) + ", paid after the quarter"));
            lines.add(new Line(
                    PayLineKind.BONUS_YEAR_ACCRUED,
                    year,
                    "M4 " + share + "; − month − quarter = " + s(year) + " (3/10), paid at year end"));
            for (Line l : lines) {
                jdbc.sql(
                                "insert into review.pay_line (cycle_id, employee_id, kind, amount, formula) values (?, ?, ?, ?, ?)")
                        .params(cycleId, m.employeeId(), l.kind().code, l.amount(), l.formula())
                        .update();
            }
        }
        return pay(cycleId);
    }

    /** The stored pay lines of a cycle, one entry per employee in rank order; 404 if none were computed. */
    public CyclePay pay(String cycleId) {
        Map<String, Object> cycle = jdbc
                .sql("select unit_id, period from review.cycle where id = ?")
                .param(cycleId)
                .query()
                .listOfRows()
                .stream()
                .findFirst()
                .orElseThrow(() -> new NotFoundException("cycleId", "no cycle " + cycleId));
        List<Map<String, Object>> rows = jdbc.sql("""
                        select p.employee_id, e.name_zh, e.name_en, c.rank, coalesce(c.final_grade, c.proposed_grade) as grade,
                               p.kind, p.amount, p.formula
                          from review.pay_line p
                          join review.employee e on e.id = p.employee_id
                          left join review.calibration c on c.cycle_id = p.cycle_id and c.employee_id = p.employee_id
                         where p.cycle_id = ? order by c.rank, p.employee_id""").param(cycleId).query().listOfRows();
        if (rows.isEmpty())
            throw new NotFoundException(
                    "cycleId", "pay of cycle " + cycleId + " is not computed yet (POST /api/cycles/{id}/pay)");
        Map<String, EmployeePay> byEmployee = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            String id = (String) r.get("employee_id");
            EmployeePay e = byEmployee.computeIfAbsent(
                    id,
                    k -> new EmployeePay(
                            k,
                            (String) r.get("name_zh"),
                            (String) r.get("name_en"),
                            r.get("rank") == null ? 0 : ((Number) r.get("rank")).intValue(),
                            (String) r.get("grade"),
                            null,
                            new EnumMap<>(PayLineKind.class)));
            PayLineKind kind = PayLineKind.of((String) r.get("kind"));
            e.lines().put(kind, new Line(kind, (BigDecimal) r.get("amount"), (String) r.get("formula")));
        }
        List<EmployeePay> employees = byEmployee.values().stream()
                .map(e -> new EmployeePay(
                        e.employeeId(),
                        e.nameZh(),
                        e.nameEn(),
                        e.rank(),
                        e.grade(),
                        e.lines().containsKey(PayLineKind.MONTHLY_PAY)
                                ? e.lines().get(PayLineKind.MONTHLY_PAY).amount()
                                : null,
                        e.lines()))
                .toList();
        return new CyclePay(cycleId, (String) cycle.get("unit_id"), (String) cycle.get("period"), employees);
    }

    /** Exact quotient rounded once to 0.01 yuan, HALF_UP. */
    static BigDecimal round(BigDecimal numerator, BigDecimal denominator) {
        return numerator.divide(denominator, 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(2);
    }

    private static String s(BigDecimal value) {
        return value.setScale(Math.max(2, value.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY)
                .toPlainString();
    }
}

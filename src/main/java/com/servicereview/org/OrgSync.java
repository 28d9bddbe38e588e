package com.servicereview.org;

import com.servicereview.audit.AuditLog;
import com.servicereview.metrics.ImportErrors;
import com.servicereview.schemes.SchemeRegistry;
import com.servicereview.scoring.Indicator;
import com.servicereview.scoring.Scheme;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports an organisation file as a sync (docs/org.md): reads every row, checks every row and the
 * organisation the file would make, and only if nothing is wrong writes the difference to our
 * tables and the audit trail and provisions Camunda, all in one transaction. A dry run or any
 * error rolls everything back.
 *
 * <p><b>Scope.</b> The file speaks for the units it lists and every unit below them (as the
 * organisation has them now): a unit below that the file leaves out is removed (inactive), and an
 * active person of those units whom the file leaves out leaves. Everyone and everything else is
 * untouched unless the file names them. Leavers and removed units are never deleted.
 */
@Service
class OrgSync {

    static final int MAX_ERRORS = 1000;

    private static final Pattern PERSON_ID = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final Pattern UNIT_ID = Pattern.compile("(?=.{1,64}$)[A-Za-z0-9]+(-[A-Za-z0-9]+)*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern DATE = Pattern.compile("(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})(?:[ T]00:00(?::00)?)?");
    private static final String UNKNOWN_UNIT =
            "不是文件或组织中的在用单位（未知单位）/ is not an active unit of the file or of the organisation (unknown unit)";
    private static final Pattern SEVERAL = Pattern.compile("[,;，；、/\\s]+");
    private static final int MAX_TEXT = 100;

    /** The outcome: {@code diff} is what the file changes (or would change, dry run); empty when refused. */
    record Outcome(
            boolean applied,
            ImportErrors errors,
            Map<String, Object> diff,
            Map<String, Integer> provisioned,
            Map<String, Long> timings) {}

    private final OrgSyncStore store;
    private final OrgProvisioner provisioner;
    private final AuditLog audit;
    private final SchemeRegistry schemes;
    private final TransactionTemplate transaction;

    OrgSync(
            OrgSyncStore store,
            OrgProvisioner provisioner,
            AuditLog audit,
            SchemeRegistry schemes,
            PlatformTransactionManager transactionManager) {
        this.store = store;
        this.provisioner = provisioner;
        this.audit = audit;
        this.schemes = schemes;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    Outcome run(List<OrgFiles.Upload> uploads, String actor, boolean byAdministrator, boolean dryRun) {
        ImportErrors errors =
                new ImportErrors(uploads.isEmpty() ? "upload" : uploads.get(0).name(), MAX_ERRORS);
        Map<String, Long> timings = new LinkedHashMap<>();
        long start = System.nanoTime();
        Map<OrgSheet, List<OrgFiles.Row>> rows;
        try {
            rows = OrgFiles.read(uploads, errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start = lap(timings, "readMs", start);
        if (errors.isEmpty() && rows.isEmpty())
            errors.add(0, null, null, "没有单位、人员或评议人 / has no units, people or group reviewers");
        if (!errors.isEmpty()) return new Outcome(false, errors, Map.of(), Map.of(), timings);
        long since = start;
        return transaction.execute(status -> {
            store.lock();
            Sync sync = new Sync(
                    rows, errors, store.load(), store.administrators(), byAdministrator, flags(), LocalDate.now());
            sync.check(store::runningParticipations);
            long at = lap(timings, "checkMs", since);
            if (!errors.isEmpty()) {
                status.setRollbackOnly();
                return new Outcome(false, errors, Map.of(), Map.of(), timings);
            }
            Map<String, Object> diff = sync.diff();
            if (dryRun) {
                status.setRollbackOnly();
                return new Outcome(false, errors, diff, Map.of(), timings);
            }
            apply(sync, actor, uploads, diff);
            at = lap(timings, "storeMs", at);
            Map<String, Integer> provisioned = provisioner.provision(
                    sync.after(), sync.provisioningScope(), sync.fileUnits(), sync.renamed(), sync.rejoined());
            lap(timings, "provisionMs", at);
            audit.record(
                    actor,
                    "org.import",
                    "organisation",
                    Map.of(
                            "files",
                            uploads.stream().map(OrgFiles.Upload::name).toList(),
                            "counts",
                            diff.get("counts"),
                            "provisioned",
                            provisioned));
            return new Outcome(true, errors, diff, provisioned, timings);
        });
    }

    /** The flags the schemes read (fullPointsWhen), e.g. dedicated-after-sales. */
    private Set<String> flags() {
        Set<String> flags = new TreeSet<>();
        for (Scheme scheme : schemes.latest()) {
            scheme.indicators().stream()
                    .map(Indicator::fullPointsWhen)
                    .filter(Objects::nonNull)
                    .forEach(flags::add);
        }
        return flags;
    }

    private void apply(Sync sync, String actor, List<OrgFiles.Upload> uploads, Map<String, Object> diff) {
        store.insertUnits(sync.addedUnits());
        store.insertPeople(sync.addedPeople());
        store.updateUnits(sync.writtenUnits());
        store.updatePeople(sync.writtenPeople());
        store.replaceFlags(sync.reflagged());
        store.replaceGroupReviewers(sync.removedPairs(), sync.addedPairs());
        audit.recordAll(actor, sync.auditEntries());
    }

    private static long lap(Map<String, Long> timings, String name, long since) {
        long now = System.nanoTime();
        timings.put(name, (now - since) / 1_000_000);
        return now;
    }

    /** One sync: the file's rows, the organisation before, and the organisation the file makes. */
    private static final class Sync {

        private final Map<OrgSheet, List<OrgFiles.Row>> rows;
        private final ImportErrors errors;
        private final OrgSnapshot before;
        private final Set<String> administrators;
        private final boolean byAdministrator;
        private final Set<String> knownFlags;
        private final LocalDate today;

        private final Map<String, OrgFiles.Row> unitRows = new LinkedHashMap<>();
        private final Map<String, OrgFiles.Row> personRows = new LinkedHashMap<>();
        private final Map<String, OrgSnapshot.Unit> units;
        private final Map<String, OrgSnapshot.Person> people;
        private final Set<OrgSnapshot.Pair> pairs;
        /** Units in the file's scope (listed, or below a listed one), each with the listed unit that brought it in. */
        private final Map<String, String> scope = new LinkedHashMap<>();

        private final Map<String, OrgFiles.Row> pairRows = new LinkedHashMap<>();

        Sync(
                Map<OrgSheet, List<OrgFiles.Row>> rows,
                ImportErrors errors,
                OrgSnapshot before,
                Set<String> administrators,
                boolean byAdministrator,
                Set<String> knownFlags,
                LocalDate today) {
            this.rows = rows;
            this.errors = errors;
            this.before = before;
            this.administrators = administrators;
            this.byAdministrator = byAdministrator;
            this.knownFlags = knownFlags;
            this.today = today;
            this.units = new LinkedHashMap<>(before.units());
            this.people = new LinkedHashMap<>(before.people());
            this.pairs = new LinkedHashSet<>(before.groupReviewers());
        }

        // ---- reading and checking ------------------------------------------------------------

        void check(Function<Collection<String>, List<OrgSyncStore.Participation>> running) {
            rows.getOrDefault(OrgSheet.UNITS, List.of()).forEach(this::readUnit);
            rows.getOrDefault(OrgSheet.PEOPLE, List.of()).forEach(this::readPerson);
            findScope();
            removeLeftOut();
            readGroupReviewers();
            checkUnits();
            checkPeople();
            checkLeavers(running);
        }

        private void readUnit(OrgFiles.Row row) {
            Cells cells = new Cells(row, OrgSheet.UNITS, errors);
            String id = cells.id(
                    "unit_id",
                    UNIT_ID,
                    "不是有效的单位编号：字母和数字，词之间用单个连字符（用作 Camunda 组 team-<id> 或 dept-<id> 的名称）"
                            + " / is not a unit id: letters and digits, words joined by single hyphens"
                            + " (it names the Camunda group team-<id> or dept-<id>)");
            String nameZh = cells.text("name_zh", true);
            String nameEn = cells.text("name_en", true);
            UnitKind kind = cells.choice("kind", UNIT_KINDS, "不是公司、部门或小组 / is not company, department or team");
            String parent = cells.text("parent_id", false);
            String head = cells.text("head_id", false);
            if (head == null) {
                cells.error("head_id", null, "必填：单位没有负责人 / is required: a unit without a head");
            } else if (SEVERAL.matcher(head).find()) {
                cells.error("head_id", head, "一个单位只有一位负责人 / names more than one head; a unit has exactly one head");
            }
            if (id == null) return;
            OrgFiles.Row first = unitRows.putIfAbsent(id, row);
            if (first != null) {
                cells.error("unit_id", id, twice(first));
                return;
            }
            if (cells.valid()) units.put(id, new OrgSnapshot.Unit(id, parent, kind, nameZh, nameEn, head, true));
        }

        private void readPerson(OrgFiles.Row row) {
            Cells cells = new Cells(row, OrgSheet.PEOPLE, errors);
            String id = cells.id(
                    "employee_id",
                    PERSON_ID,
                    "不是有效的登录名：只能是字母和数字，最多 64 个 / is not a login id: letters and digits only, at most 64");
            String nameZh = cells.text("name_zh", true);
            String nameEn = cells.text("name_en", true);
            String unit = cells.text("unit_id", false);
            String jobTitle = cells.text("job_title", false);
            Role role = cells.choice(
                    "role",
                    ROLES,
                    "不是员工、主管、部门负责人、总经理、人力资源或系统管理员"
                            + " / is not employee, supervisor, department-head, general-manager, hr or admin");
            String supervisor = cells.text("supervisor_id", false);
            String email = cells.text("email", false);
            if (email != null && !EMAIL.matcher(email).matches())
                cells.error("email", email, "不是有效的电子邮件地址 / is not an e-mail address");
            String phone = cells.text("phone", false);
            LocalDate from = cells.date("active_from", true);
            LocalDate to = cells.date("active_to", false);
            if (from != null && to != null && to.isBefore(from))
                cells.error("active_to", cells.raw("active_to"), "早于入职日期 active_from / is before active_from");
            Boolean committee = cells.yesNo("hr_committee");
            SortedSet<String> flags = new TreeSet<>();
            String flagText = cells.raw("flags");
            if (flagText != null) {
                for (String flag : SEVERAL.split(flagText)) {
                    if (flag.isEmpty()) continue;
                    if (knownFlags.contains(flag)) {
                        flags.add(flag);
                    } else {
                        cells.error(
                                "flags",
                                flag,
                                "不是任何考核方案的标记（已知：" + String.join(", ", knownFlags)
                                        + "）/ is not a flag of any scheme (known: " + String.join(", ", knownFlags)
                                        + ")");
                    }
                }
            }
            if (id == null) return;
            if (id.equals(supervisor))
                cells.error(
                        "supervisor_id",
                        supervisor,
                        "是本人：任何人都不能做自己的上级 / is the person themself: nobody supervises themself");
            OrgFiles.Row first = personRows.putIfAbsent(id, row);
            if (first != null) {
                cells.error("employee_id", id, twice(first));
                return;
            }
            OrgSnapshot.Person old = before.people().get(id);
            if (!byAdministrator
                    && (role == Role.ADMIN
                            || (old != null && old.role() == Role.ADMIN)
                            || administrators.contains(id))) {
                cells.error(
                        "role",
                        cells.raw("role"),
                        "涉及系统管理员（角色 admin 或属于 camunda-admin）：只有管理员可以导入管理员"
                                + " / concerns an administrator (role admin or in camunda-admin): only an administrator"
                                + " may import administrators");
            }
            if (!cells.valid()) return;
            boolean active = !from.isAfter(today) && (to == null || !to.isBefore(today));
            people.put(
                    id,
                    new OrgSnapshot.Person(
                            id,
                            nameZh,
                            nameEn,
                            unit,
                            jobTitle,
                            role,
                            supervisor,
                            email,
                            phone,
                            from,
                            to,
                            Boolean.TRUE.equals(committee),
                            flags,
                            active));
        }

        /** The listed units and, as the organisation has them now, every unit below them. */
        private void findScope() {
            Map<String, List<String>> children = new HashMap<>();
            before.units().values().forEach(u -> {
                if (u.parentId() != null)
                    children.computeIfAbsent(u.parentId(), k -> new ArrayList<>())
                            .add(u.id());
            });
            for (String listed : unitRows.keySet()) {
                List<String> pending = new ArrayList<>(List.of(listed));
                while (!pending.isEmpty()) {
                    String unit = pending.remove(pending.size() - 1);
                    if (scope.putIfAbsent(unit, listed) == null) pending.addAll(children.getOrDefault(unit, List.of()));
                }
            }
        }

        /** Units below a listed unit that the file leaves out are removed; their people, and listed units' people left out, leave. */
        private void removeLeftOut() {
            for (String unitId : scope.keySet()) {
                OrgSnapshot.Unit unit = before.units().get(unitId);
                if (unit != null && unit.active() && !unitRows.containsKey(unitId)) {
                    units.put(
                            unitId,
                            new OrgSnapshot.Unit(
                                    unit.id(),
                                    unit.parentId(),
                                    unit.kind(),
                                    unit.nameZh(),
                                    unit.nameEn(),
                                    unit.headId(),
                                    false));
                }
            }
            LocalDate yesterday = today.minusDays(1);
            for (OrgSnapshot.Person person : before.people().values()) {
                if (person.active()
                        && person.unitId() != null
                        && scope.containsKey(person.unitId())
                        && !personRows.containsKey(person.id())) {
                    LocalDate lastDay =
                            person.activeTo() != null && person.activeTo().isBefore(today)
                                    ? person.activeTo()
                                    : yesterday;
                    people.put(person.id(), person.withLeaving(lastDay));
                    if (administrators.contains(person.id()) && !byAdministrator) {
                        unitError(
                                person.unitId(),
                                person.id() + " 是系统管理员：只有管理员可以让其离职 / " + person.id()
                                        + " is an administrator: only an administrator may make them leave");
                    }
                }
            }
        }

        private void readGroupReviewers() {
            List<OrgFiles.Row> reviewerRows = rows.get(OrgSheet.GROUP_REVIEWERS);
            if (reviewerRows != null) {
                Set<String> replaced = new LinkedHashSet<>(scope.keySet());
                List<OrgSnapshot.Pair> listed = new ArrayList<>();
                for (OrgFiles.Row row : reviewerRows) {
                    Cells cells = new Cells(row, OrgSheet.GROUP_REVIEWERS, errors);
                    String unit = cells.text("unit_id", true);
                    String reviewer = cells.text("reviewer_id", true);
                    if (!cells.valid()) continue;
                    OrgSnapshot.Pair pair = new OrgSnapshot.Pair(unit, reviewer);
                    OrgFiles.Row first = pairRows.putIfAbsent(pair.unitId() + "\u0000" + pair.reviewerId(), row);
                    if (first != null) {
                        cells.error(
                                "reviewer_id",
                                reviewer,
                                "在单位 " + unit + " 中列出两次（另见" + where(first) + "）/ is listed twice for unit " + unit
                                        + " (also " + where(first) + ")");
                        continue;
                    }
                    if (!activeUnit(unit)) {
                        cells.error("unit_id", unit, UNKNOWN_UNIT);
                    } else if (!people.containsKey(reviewer)) {
                        cells.error(
                                "reviewer_id",
                                reviewer,
                                "不是文件或组织中的人员（未知人员）/ is not a person of the file or of the organisation (unknown person)");
                    } else if (!people.get(reviewer).active()) {
                        cells.error(
                                "reviewer_id",
                                reviewer,
                                "即将离职（或已离职），不能评议单位 / is leaving (or has left) and cannot rate a unit");
                    } else {
                        replaced.add(unit);
                        listed.add(pair);
                    }
                }
                pairs.removeIf(p -> replaced.contains(p.unitId()));
                pairs.addAll(listed);
            }
            // A leaver or a removed unit no longer takes part in group reviews.
            pairs.removeIf(
                    p -> !activeUnit(p.unitId()) || !people.get(p.reviewerId()).active());
        }

        private void checkUnits() {
            for (Map.Entry<String, OrgFiles.Row> entry : unitRows.entrySet()) {
                OrgSnapshot.Unit unit = units.get(entry.getKey());
                if (unit == null || !unit.active() || !unitRows.containsKey(unit.id())) continue;
                Cells cells = new Cells(entry.getValue(), OrgSheet.UNITS, errors);
                if (unit.parentId() != null) {
                    if (unit.parentId().equals(unit.id())) {
                        cells.error(
                                "parent_id",
                                unit.parentId(),
                                "是单位本身：单位层级成环 / is the unit itself: the unit hierarchy loops");
                    } else if (!activeUnit(unit.parentId())) {
                        cells.error("parent_id", unit.parentId(), UNKNOWN_UNIT);
                    } else {
                        List<String> line = new ArrayList<>(List.of(unit.id()));
                        for (String up = unit.parentId();
                                up != null && line.size() <= units.size();
                                up = units.get(up).parentId()) {
                            line.add(up);
                            if (up.equals(unit.id())) {
                                cells.error(
                                        "parent_id",
                                        unit.parentId(),
                                        "使单位层级成环：" + String.join(" → ", line) + " / makes the unit hierarchy loop: "
                                                + String.join(" → ", line));
                                break;
                            }
                            if (!units.containsKey(up)) break;
                        }
                    }
                }
                OrgSnapshot.Person head = people.get(unit.headId());
                if (head == null) {
                    cells.error(
                            "head_id",
                            unit.headId(),
                            "不是文件或组织中的人员（未知负责人）/ is not a person of the file or of the organisation (unknown head)");
                } else if (!head.active()) {
                    cells.error(
                            "head_id",
                            unit.headId(),
                            "即将离职（或已离职），不能担任单位负责人 / is leaving (or has left) and cannot head the unit");
                }
            }
        }

        private void checkPeople() {
            for (Map.Entry<String, OrgFiles.Row> entry : personRows.entrySet()) {
                OrgSnapshot.Person person = people.get(entry.getKey());
                if (person == null) continue;
                Cells cells = new Cells(entry.getValue(), OrgSheet.PEOPLE, errors);
                if (person.unitId() != null && !activeUnit(person.unitId())) {
                    cells.error(
                            "unit_id",
                            person.unitId(),
                            units.containsKey(person.unitId())
                                    ? "被本文件撤销（在所列单位之下但未列出）或已停用 / is removed by this file (below a listed unit but not listed) or inactive"
                                    : "不是文件或组织中的单位（未知单位）/ is not a unit of the file or of the organisation (unknown unit)");
                }
                String supervisorId = person.supervisorId();
                if (supervisorId == null || supervisorId.equals(person.id())) continue;
                OrgSnapshot.Person supervisor = people.get(supervisorId);
                if (supervisor == null) {
                    cells.error(
                            "supervisor_id",
                            supervisorId,
                            "不是文件或组织中的人员（未知上级）/ is not a person of the file or of the organisation (unknown supervisor)");
                } else if (person.active() && !supervisor.active()) {
                    cells.error(
                            "supervisor_id",
                            supervisorId,
                            "即将离职（或已离职），不能做在职人员的上级 / is leaving (or has left) and cannot supervise an active person");
                } else {
                    List<String> line = new ArrayList<>(List.of(person.id()));
                    for (String up = supervisorId;
                            up != null && people.containsKey(up) && line.size() <= people.size();
                            up = people.get(up).supervisorId()) {
                        line.add(up);
                        if (up.equals(person.id())) {
                            cells.error(
                                    "supervisor_id",
                                    supervisorId,
                                    "使汇报线成环：" + String.join(" → ", line) + " / makes the reporting line loop: "
                                            + String.join(" → ", line));
                            break;
                        }
                    }
                }
            }
        }

        /** People who leave must not leave anyone or anything without a line manager, nor a running review without a participant. */
        private void checkLeavers(Function<Collection<String>, List<OrgSyncStore.Participation>> running) {
            Set<String> leavers = leavers();
            if (leavers.isEmpty()) return;
            Map<String, List<String>> reports = new HashMap<>();
            people.values().stream()
                    .filter(p -> p.active() && p.supervisorId() != null && leavers.contains(p.supervisorId()))
                    .forEach(p -> reports.computeIfAbsent(p.supervisorId(), k -> new ArrayList<>())
                            .add(p.id()));
            Map<String, List<String>> headed = new HashMap<>();
            units.values().stream()
                    .filter(u -> u.active() && !unitRows.containsKey(u.id()) && leavers.contains(u.headId()))
                    .forEach(u -> headed.computeIfAbsent(u.headId(), k -> new ArrayList<>())
                            .add(u.id()));
            Map<String, List<String>> reviews = new HashMap<>();
            running.apply(leavers)
                    .forEach(p -> reviews.computeIfAbsent(p.userId(), k -> new ArrayList<>())
                            .add(p.reviewId() + " (" + p.role() + ")"));
            for (String leaver : leavers) {
                if (reports.containsKey(leaver)) {
                    leaverError(
                            leaver,
                            "离职但仍是在职人员的上级：" + sample(reports.get(leaver)) + "；请在同一文件中为他们指定新上级",
                            "leaves but still supervises active people: " + sample(reports.get(leaver))
                                    + "; give them another supervisor in the same file");
                }
                if (headed.containsKey(leaver)) {
                    leaverError(
                            leaver,
                            "离职但仍是单位 " + sample(headed.get(leaver)) + " 的负责人；请指定新负责人",
                            "leaves but still heads unit " + sample(headed.get(leaver)) + "; name another head");
                }
                if (reviews.containsKey(leaver)) {
                    leaverError(
                            leaver,
                            "离职但仍负责进行中考核的步骤（离职后将无人处理）：" + sample(reviews.get(leaver)) + "；请先完成或转交",
                            "leaves but works a step of a running review, which would be orphaned: "
                                    + sample(reviews.get(leaver)) + "; finish or reassign it first");
                }
            }
        }

        Set<String> leavers() {
            Set<String> leavers = new LinkedHashSet<>();
            people.values().forEach(p -> {
                OrgSnapshot.Person old = before.people().get(p.id());
                if (!p.active() && old != null && old.active()) leavers.add(p.id());
            });
            return leavers;
        }

        private void leaverError(String leaver, String zh, String en) {
            OrgFiles.Row row = personRows.get(leaver);
            if (row != null) {
                new Cells(row, OrgSheet.PEOPLE, errors)
                        .error(
                                row.value(OrgSheet.PEOPLE, "active_to") != null ? "active_to" : "active_from",
                                null,
                                zh + " / " + en);
            } else {
                String unit = before.people().get(leaver).unitId();
                unitError(
                        unit,
                        leaver + " 不在文件中，但在本文件涵盖的单位 " + unit + " 中，因此" + leaver + zh + " / " + leaver
                                + " is not in the file but is in unit " + unit + ", which it covers, so " + leaver + " "
                                + en);
            }
        }

        /** A fault of a person the file leaves out, reported on the row of the listed unit whose scope holds them. */
        private void unitError(String unitId, String reason) {
            OrgFiles.Row row = unitRows.get(scope.get(unitId));
            new Cells(row, OrgSheet.UNITS, errors).error("unit_id", row.value(OrgSheet.UNITS, "unit_id"), reason);
        }

        private boolean activeUnit(String unitId) {
            OrgSnapshot.Unit unit = units.get(unitId);
            return unit != null && unit.active();
        }

        private static String sample(List<String> ids) {
            return ids.size() <= 5
                    ? String.join(", ", ids)
                    : String.join(", ", ids.subList(0, 5)) + " … (+" + (ids.size() - 5) + ")";
        }

        private static String where(OrgFiles.Row row) {
            return (row.sheet() == null ? row.file() : "sheet " + row.sheet()) + " row " + row.number();
        }

        private static String twice(OrgFiles.Row first) {
            return "重复出现（另见" + where(first) + "）/ appears twice (also " + where(first) + ")";
        }

        // ---- the difference ------------------------------------------------------------------

        OrgSnapshot after() {
            return new OrgSnapshot(units, people, pairs);
        }

        List<OrgSnapshot.Unit> addedUnits() {
            return units.values().stream()
                    .filter(u -> !before.units().containsKey(u.id()))
                    .toList();
        }

        /** Units whose row changes: added, changed or removed. */
        List<OrgSnapshot.Unit> writtenUnits() {
            return units.values().stream()
                    .filter(u -> !u.equals(before.units().get(u.id())))
                    .toList();
        }

        List<OrgSnapshot.Person> addedPeople() {
            return people.values().stream()
                    .filter(p -> !before.people().containsKey(p.id()))
                    .toList();
        }

        List<OrgSnapshot.Person> writtenPeople() {
            return people.values().stream()
                    .filter(p -> !p.equals(before.people().get(p.id())))
                    .toList();
        }

        List<OrgSnapshot.Person> reflagged() {
            return people.values().stream()
                    .filter(p -> {
                        OrgSnapshot.Person old = before.people().get(p.id());
                        return old == null ? !p.flags().isEmpty() : !old.flags().equals(p.flags());
                    })
                    .toList();
        }

        List<OrgSnapshot.Pair> addedPairs() {
            return pairs.stream()
                    .filter(p -> !before.groupReviewers().contains(p))
                    .toList();
        }

        List<OrgSnapshot.Pair> removedPairs() {
            return before.groupReviewers().stream()
                    .filter(p -> !pairs.contains(p))
                    .toList();
        }

        Collection<String> fileUnits() {
            return units.values().stream()
                    .filter(u -> scope.containsKey(u.id()))
                    .map(OrgSnapshot.Unit::id)
                    .toList();
        }

        Set<String> renamed() {
            Set<String> renamed = new LinkedHashSet<>();
            for (OrgSnapshot.Person p : writtenPeople()) {
                OrgSnapshot.Person old = before.people().get(p.id());
                if (old != null
                        && (!old.nameZh().equals(p.nameZh())
                                || !old.nameEn().equals(p.nameEn())
                                || !Objects.equals(old.email(), p.email()))) {
                    renamed.add(p.id());
                }
            }
            return renamed;
        }

        Set<String> rejoined() {
            Set<String> rejoined = new LinkedHashSet<>();
            people.values().forEach(p -> {
                OrgSnapshot.Person old = before.people().get(p.id());
                if (p.active() && old != null && !old.active()) rejoined.add(p.id());
            });
            return rejoined;
        }

        /**
         * Whose Camunda state may change: everyone the file writes, and everyone whose view of them
         * changes — their supervisors up the line and the heads of their units and those above (before
         * and after), and the group reviewers of their units.
         */
        Set<String> provisioningScope() {
            Set<String> scopePeople = new LinkedHashSet<>();
            OrgSnapshot after = after();
            OrgSnapshot.Relations beforeRelations = before.relations();
            OrgSnapshot.Relations afterRelations = after.relations();
            Set<String> touchedUnits = new LinkedHashSet<>();
            for (OrgSnapshot.Person p : writtenPeople()) {
                scopePeople.add(p.id());
                scopePeople.addAll(after.supervisorChain(p.id()));
                if (p.unitId() != null) touchedUnits.add(p.unitId());
                OrgSnapshot.Person old = before.people().get(p.id());
                if (old != null) {
                    scopePeople.addAll(before.supervisorChain(p.id()));
                    if (old.unitId() != null) touchedUnits.add(old.unitId());
                }
            }
            personRows.keySet().stream().filter(people::containsKey).forEach(scopePeople::add);
            writtenUnits().forEach(u -> touchedUnits.add(u.id()));
            addedPairs().forEach(g -> {
                scopePeople.add(g.reviewerId());
                touchedUnits.add(g.unitId());
            });
            removedPairs().forEach(g -> {
                scopePeople.add(g.reviewerId());
                touchedUnits.add(g.unitId());
            });
            for (String unitId : touchedUnits) {
                for (OrgSnapshot snapshot : List.of(before, after)) {
                    for (String up : snapshot.unitAndAncestors(unitId)) {
                        OrgSnapshot.Unit unit = snapshot.units().get(up);
                        if (unit != null && unit.headId() != null) scopePeople.add(unit.headId());
                    }
                }
                scopePeople.addAll(beforeRelations.reviewersOf(unitId));
                scopePeople.addAll(afterRelations.reviewersOf(unitId));
            }
            return scopePeople;
        }

        Map<String, Object> diff() {
            Map<String, Object> unitDiff = new LinkedHashMap<>();
            List<Object> unitsAdded = new ArrayList<>();
            List<Object> unitsChanged = new ArrayList<>();
            List<Object> unitsLeaving = new ArrayList<>();
            for (OrgSnapshot.Unit unit : writtenUnits()) {
                OrgSnapshot.Unit old = before.units().get(unit.id());
                if (old == null) {
                    unitsAdded.add(unitFields(unit));
                } else if (old.active() && !unit.active()) {
                    unitsLeaving.add(Map.of("id", unit.id(), "nameZh", unit.nameZh(), "nameEn", unit.nameEn()));
                } else {
                    unitsChanged.add(Map.of("id", unit.id(), "changes", changes(unitFields(old), unitFields(unit))));
                }
            }
            unitDiff.put("added", unitsAdded);
            unitDiff.put("changed", unitsChanged);
            unitDiff.put("leaving", unitsLeaving);
            Map<String, Object> peopleDiff = new LinkedHashMap<>();
            List<Object> peopleAdded = new ArrayList<>();
            List<Object> peopleChanged = new ArrayList<>();
            List<Object> peopleLeaving = new ArrayList<>();
            for (OrgSnapshot.Person person : writtenPeople()) {
                OrgSnapshot.Person old = before.people().get(person.id());
                if (old == null) {
                    peopleAdded.add(personFields(person));
                } else if (old.active() && !person.active()) {
                    peopleLeaving.add(Map.of(
                            "id",
                            person.id(),
                            "nameZh",
                            person.nameZh(),
                            "nameEn",
                            person.nameEn(),
                            "changes",
                            changes(personFields(old), personFields(person))));
                } else {
                    peopleChanged.add(
                            Map.of("id", person.id(), "changes", changes(personFields(old), personFields(person))));
                }
            }
            peopleDiff.put("added", peopleAdded);
            peopleDiff.put("changed", peopleChanged);
            peopleDiff.put("leaving", peopleLeaving);
            Map<String, Object> reviewerDiff = new LinkedHashMap<>();
            reviewerDiff.put(
                    "added", addedPairs().stream().map(Sync::pairFields).toList());
            reviewerDiff.put(
                    "removed", removedPairs().stream().map(Sync::pairFields).toList());
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("unitsAdded", unitsAdded.size());
            counts.put("unitsChanged", unitsChanged.size());
            counts.put("unitsLeaving", unitsLeaving.size());
            counts.put("peopleAdded", peopleAdded.size());
            counts.put("peopleChanged", peopleChanged.size());
            counts.put("peopleLeaving", peopleLeaving.size());
            counts.put("groupReviewersAdded", addedPairs().size());
            counts.put("groupReviewersRemoved", removedPairs().size());
            Map<String, Object> diff = new LinkedHashMap<>();
            diff.put("counts", counts);
            diff.put("units", unitDiff);
            diff.put("people", peopleDiff);
            diff.put("groupReviewers", reviewerDiff);
            return diff;
        }

        List<AuditLog.Entry> auditEntries() {
            List<AuditLog.Entry> entries = new ArrayList<>();
            for (OrgSnapshot.Unit unit : writtenUnits()) {
                OrgSnapshot.Unit old = before.units().get(unit.id());
                if (old == null) {
                    entries.add(new AuditLog.Entry("org.unit.added", unit.id(), unitFields(unit)));
                } else {
                    entries.add(new AuditLog.Entry(
                            old.active() && !unit.active() ? "org.unit.removed" : "org.unit.changed",
                            unit.id(),
                            changes(unitFields(old), unitFields(unit))));
                }
            }
            for (OrgSnapshot.Person person : writtenPeople()) {
                OrgSnapshot.Person old = before.people().get(person.id());
                if (old == null) {
                    entries.add(new AuditLog.Entry("org.person.added", person.id(), personFields(person)));
                } else {
                    entries.add(new AuditLog.Entry(
                            old.active() && !person.active() ? "org.person.left" : "org.person.changed",
                            person.id(),
                            changes(personFields(old), personFields(person))));
                }
            }
            addedPairs()
                    .forEach(g ->
                            entries.add(new AuditLog.Entry("org.group-reviewer.added", g.unitId(), pairFields(g))));
            removedPairs()
                    .forEach(g ->
                            entries.add(new AuditLog.Entry("org.group-reviewer.removed", g.unitId(), pairFields(g))));
            return entries;
        }

        private static Map<String, Object> unitFields(OrgSnapshot.Unit u) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("id", u.id());
            fields.put("nameZh", u.nameZh());
            fields.put("nameEn", u.nameEn());
            fields.put("kind", u.kind().name());
            fields.put("parentId", u.parentId());
            fields.put("headId", u.headId());
            fields.put("active", u.active());
            return fields;
        }

        private static Map<String, Object> personFields(OrgSnapshot.Person p) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("id", p.id());
            fields.put("nameZh", p.nameZh());
            fields.put("nameEn", p.nameEn());
            fields.put("unitId", p.unitId());
            fields.put("jobTitle", p.jobTitle());
            fields.put("role", p.role().name());
            fields.put("supervisorId", p.supervisorId());
            fields.put("email", p.email());
            fields.put("phone", p.phone());
            fields.put("activeFrom", p.activeFrom().toString());
            fields.put("activeTo", p.activeTo() == null ? null : p.activeTo().toString());
            fields.put("hrCommittee", p.hrCommittee());
            fields.put("flags", List.copyOf(p.flags()));
            fields.put("active", p.active());
            return fields;
        }

        private static Map<String, Object> pairFields(OrgSnapshot.Pair g) {
            return Map.of("unitId", g.unitId(), "reviewerId", g.reviewerId());
        }

        /** Field by field, old → new, only the fields that differ. */
        private static Map<String, Object> changes(Map<String, Object> old, Map<String, Object> now) {
            Map<String, Object> changes = new LinkedHashMap<>();
            now.forEach((field, value) -> {
                if (!Objects.equals(old.get(field), value)) {
                    Map<String, Object> change = new LinkedHashMap<>();
                    change.put("old", old.get(field));
                    change.put("new", value);
                    changes.put(field, change);
                }
            });
            return changes;
        }
    }

    private static final Map<String, UnitKind> UNIT_KINDS = Map.of(
            "company",
            UnitKind.COMPANY,
            "公司",
            UnitKind.COMPANY,
            "总公司",
            UnitKind.COMPANY,
            "department",
            UnitKind.DEPARTMENT,
            "部门",
            UnitKind.DEPARTMENT,
            "team",
            UnitKind.TEAM,
            "小组",
            UnitKind.TEAM,
            "团队",
            UnitKind.TEAM,
            "组",
            UnitKind.TEAM);

    private static final Map<String, Role> ROLES = Map.ofEntries(
            Map.entry("employee", Role.EMPLOYEE),
            Map.entry("员工", Role.EMPLOYEE),
            Map.entry("supervisor", Role.SUPERVISOR),
            Map.entry("主管", Role.SUPERVISOR),
            Map.entry("department_head", Role.DEPARTMENT_HEAD),
            Map.entry("部门负责人", Role.DEPARTMENT_HEAD),
            Map.entry("部门经理", Role.DEPARTMENT_HEAD),
            Map.entry("general_manager", Role.GENERAL_MANAGER),
            Map.entry("总经理", Role.GENERAL_MANAGER),
            Map.entry("hr", Role.HR),
            Map.entry("人力资源", Role.HR),
            Map.entry("admin", Role.ADMIN),
            Map.entry("系统管理员", Role.ADMIN));

    /** The cells of one row, parsed, with their faults reported against file, sheet, row and column. */
    private static final class Cells {

        private final OrgFiles.Row row;
        private final OrgSheet kind;
        private final ImportErrors errors;
        private boolean valid = true;

        Cells(OrgFiles.Row row, OrgSheet kind, ImportErrors errors) {
            this.row = row;
            this.kind = kind;
            this.errors = errors.in(row.file(), row.sheet());
        }

        boolean valid() {
            return valid;
        }

        void error(String column, String value, String reason) {
            valid = false;
            errors.add(row.number(), column, value, reason);
        }

        String raw(String column) {
            return row.value(kind, column);
        }

        String text(String column, boolean required) {
            String value = raw(column);
            if (value == null) {
                if (required) error(column, null, "必填 / is required");
                return null;
            }
            if (value.length() > MAX_TEXT)
                error(
                        column,
                        value.substring(0, 20) + "…",
                        "超过 " + MAX_TEXT + " 个字符 / is longer than " + MAX_TEXT + " characters");
            return value;
        }

        String id(String column, Pattern pattern, String reason) {
            String value = text(column, true);
            if (value != null && !pattern.matcher(value).matches()) {
                error(column, value, reason);
                return null;
            }
            return value;
        }

        <T> T choice(String column, Map<String, T> choices, String reason) {
            String value = text(column, true);
            if (value == null) return null;
            T chosen = choices.get(value.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-]+", "_"));
            if (chosen == null) error(column, value, reason);
            return chosen;
        }

        LocalDate date(String column, boolean required) {
            String value = text(column, required);
            if (value == null) return null;
            Matcher m = DATE.matcher(value);
            if (m.matches()) {
                try {
                    return LocalDate.of(
                            Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                } catch (DateTimeException e) {
                    // falls through to the error
                }
            }
            error(column, value, "不是日期（YYYY-MM-DD）/ is not a date (YYYY-MM-DD)");
            return null;
        }

        Boolean yesNo(String column) {
            String value = raw(column);
            if (value == null) return false;
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "yes", "y", "true", "1", "是" -> true;
                case "no", "n", "false", "0", "否" -> false;
                default -> {
                    error(
                            column,
                            value,
                            "不是“是”或“否”（是/否、yes/no、true/false、1/0）/ is not yes or no (是/否, yes/no, true/false, 1/0)");
                    yield null;
                }
            };
        }
    }
}

package com.servicereview.org;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;

/**
 * The whole organisation in memory: every unit, every person (leavers too) and the R1 group
 * reviewers. An import compares the file with one taken before it, and provisioning derives Camunda
 * users, groups and grants from one taken after it, without a query per person.
 */
record OrgSnapshot(Map<String, Unit> units, Map<String, Person> people, Set<Pair> groupReviewers) {

    record Unit(
            String id, String parentId, UnitKind kind, String nameZh, String nameEn, String headId, boolean active) {}

    /** A person; {@code activeFrom} is {@code review.employee.hired_on}. */
    record Person(
            String id,
            String nameZh,
            String nameEn,
            String unitId,
            String jobTitle,
            Role role,
            String supervisorId,
            String email,
            String phone,
            LocalDate activeFrom,
            LocalDate activeTo,
            boolean hrCommittee,
            SortedSet<String> flags,
            boolean active) {

        Person withLeaving(LocalDate lastDay) {
            return new Person(
                    id,
                    nameZh,
                    nameEn,
                    unitId,
                    jobTitle,
                    role,
                    supervisorId,
                    email,
                    phone,
                    activeFrom,
                    lastDay,
                    hrCommittee,
                    flags,
                    false);
        }
    }

    /** 小组考核 (R1): {@code reviewerId} rates the members of {@code unitId}. */
    record Pair(String unitId, String reviewerId) {}

    /** The person's supervisors, direct first, up to the top; stops at a loop. */
    List<String> supervisorChain(String personId) {
        List<String> chain = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        seen.add(personId);
        Person person = people.get(personId);
        while (person != null && person.supervisorId() != null && seen.add(person.supervisorId())) {
            chain.add(person.supervisorId());
            person = people.get(person.supervisorId());
        }
        return chain;
    }

    /** The unit and the units above it, nearest first; stops at a loop. */
    List<String> unitAndAncestors(String unitId) {
        List<String> line = new ArrayList<>();
        for (String id = unitId;
                id != null && !line.contains(id);
                id = units.containsKey(id) ? units.get(id).parentId() : null) {
            line.add(id);
        }
        return line;
    }

    /** Who may be seen by whom, computed once for the whole organisation (see {@link OrgAccess}). */
    Relations relations() {
        return new Relations(this);
    }

    /** Children, members, reports and reviewer lists, indexed once. */
    static final class Relations {

        private final OrgSnapshot org;
        private final Map<String, List<String>> childUnits = new HashMap<>();
        private final Map<String, List<String>> unitMembers = new HashMap<>();
        private final Map<String, List<String>> reports = new HashMap<>();
        private final Map<String, List<String>> headed = new HashMap<>();
        private final Map<String, List<String>> reviewedUnits = new HashMap<>();
        private final Map<String, List<String>> reviewers = new HashMap<>();

        private Relations(OrgSnapshot org) {
            this.org = org;
            org.units.values().forEach(u -> {
                if (u.parentId() != null)
                    childUnits
                            .computeIfAbsent(u.parentId(), k -> new ArrayList<>())
                            .add(u.id());
                if (u.headId() != null)
                    headed.computeIfAbsent(u.headId(), k -> new ArrayList<>()).add(u.id());
            });
            org.people.values().forEach(p -> {
                if (p.unitId() != null)
                    unitMembers
                            .computeIfAbsent(p.unitId(), k -> new ArrayList<>())
                            .add(p.id());
                if (p.supervisorId() != null)
                    reports.computeIfAbsent(p.supervisorId(), k -> new ArrayList<>())
                            .add(p.id());
            });
            org.groupReviewers.forEach(g -> {
                reviewedUnits
                        .computeIfAbsent(g.reviewerId(), k -> new ArrayList<>())
                        .add(g.unitId());
                reviewers.computeIfAbsent(g.unitId(), k -> new ArrayList<>()).add(g.reviewerId());
            });
        }

        /** The units the person heads. */
        List<String> headedBy(String personId) {
            return headed.getOrDefault(personId, List.of());
        }

        /**
         * The profiles the person may read besides their own: supervisors up the chain, everyone they lead
         * (people of the units they head and below, people they supervise directly or indirectly, leavers
         * included, as their reviews stay readable), and the active people of the units they rate.
         */
        Set<String> knownPeople(String personId) {
            Set<String> known = new LinkedHashSet<>(org.supervisorChain(personId));
            Set<String> units = new LinkedHashSet<>();
            List<String> pending = new ArrayList<>(headedBy(personId));
            while (!pending.isEmpty()) {
                String unit = pending.remove(pending.size() - 1);
                if (units.add(unit)) pending.addAll(childUnits.getOrDefault(unit, List.of()));
            }
            units.forEach(unit -> known.addAll(unitMembers.getOrDefault(unit, List.of())));
            List<String> below = new ArrayList<>(reports.getOrDefault(personId, List.of()));
            Set<String> led = new LinkedHashSet<>();
            while (!below.isEmpty()) {
                String report = below.remove(below.size() - 1);
                if (led.add(report)) below.addAll(reports.getOrDefault(report, List.of()));
            }
            known.addAll(led);
            for (String unit : reviewedUnits.getOrDefault(personId, List.of())) {
                unitMembers.getOrDefault(unit, List.of()).stream()
                        .filter(id -> org.people.get(id).active())
                        .forEach(known::add);
            }
            known.remove(personId);
            return known;
        }

        /** The reviewers of the unit. */
        List<String> reviewersOf(String unitId) {
            return reviewers.getOrDefault(unitId, List.of());
        }
    }
}

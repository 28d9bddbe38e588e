package com.servicereview.org;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The organisation as a tree to read (the console's organisation page): every unit with its head, its people and
 * the units below it, removed units and leavers included and marked. One snapshot of the import's own reads
 * ({@link OrgSyncStore#load()}), so a page needs four queries whatever the size of the organisation. Who may see
 * which part is {@link OrgAccess}'s to say; {@link Tree#headedBy(String)} names the units a line manager heads.
 */
@Component
public class OrgTree {

    private final OrgSyncStore store;

    OrgTree(OrgSyncStore store) {
        this.store = store;
    }

    public record Unit(
            String id, String parentId, UnitKind kind, String nameZh, String nameEn, String headId, boolean active) {}

    /** A person; {@code activeTo} is their last working day, if they have one. */
    public record Person(
            String id,
            String nameZh,
            String nameEn,
            String unitId,
            String jobTitle,
            Role role,
            String supervisorId,
            LocalDate activeTo,
            boolean active) {}

    /**
     * A unit as shown: its head; its other supervisors (its people with role supervisor); its people (the head first);
     * the units below; how many active people it has itself and with every unit below it.
     */
    public record Node(
            Unit unit,
            Person head,
            List<Person> supervisors,
            List<Person> people,
            List<Node> children,
            int activeCount,
            int subtreeActiveCount) {}

    public Tree load() {
        return new Tree(store.load());
    }

    /** One unit with its people and their supervisors only: enough for the unit's people table, not for its subtree. */
    public Tree loadUnit(String unitId) {
        return new Tree(store.loadUnit(unitId));
    }

    /** The organisation as it was read. */
    public static final class Tree {

        private final Map<String, Unit> units = new LinkedHashMap<>();
        private final Map<String, Person> people = new LinkedHashMap<>();
        private final Map<String, List<String>> children = new HashMap<>();
        private final Map<String, List<String>> members = new HashMap<>();

        private Tree(OrgSnapshot snapshot) {
            snapshot.units()
                    .values()
                    .forEach(u -> units.put(
                            u.id(),
                            new Unit(u.id(), u.parentId(), u.kind(), u.nameZh(), u.nameEn(), u.headId(), u.active())));
            snapshot.people()
                    .values()
                    .forEach(p -> people.put(
                            p.id(),
                            new Person(
                                    p.id(),
                                    p.nameZh(),
                                    p.nameEn(),
                                    p.unitId(),
                                    p.jobTitle(),
                                    p.role(),
                                    p.supervisorId(),
                                    p.activeTo(),
                                    p.active())));
            units.values().forEach(u -> {
                if (u.parentId() != null && units.containsKey(u.parentId()))
                    children.computeIfAbsent(u.parentId(), k -> new ArrayList<>())
                            .add(u.id());
            });
            people.values().forEach(p -> {
                if (p.unitId() != null)
                    members.computeIfAbsent(p.unitId(), k -> new ArrayList<>()).add(p.id());
            });
        }

        /** Everyone, leavers included. */
        public List<Person> people() {
            return List.copyOf(people.values());
        }

        public Optional<Person> person(String id) {
            return Optional.ofNullable(id).map(people::get);
        }

        public Optional<Unit> unit(String id) {
            return Optional.ofNullable(id).map(units::get);
        }

        /** The units at the top: companies first, then by id. */
        public List<String> topUnits() {
            return units.values().stream()
                    .filter(u -> u.parentId() == null || !units.containsKey(u.parentId()))
                    .sorted(Comparator.comparing((Unit u) -> u.kind() != UnitKind.COMPANY)
                            .thenComparing(Unit::id))
                    .map(Unit::id)
                    .toList();
        }

        /** The active units the person heads that are not below another unit they head (what they see is below these). */
        public List<String> headedBy(String personId) {
            Set<String> headed = new LinkedHashSet<>();
            units.values().stream()
                    .filter(u -> u.active() && personId.equals(u.headId()))
                    .forEach(u -> headed.add(u.id()));
            return headed.stream()
                    .filter(id -> above(id).stream().noneMatch(headed::contains))
                    .toList();
        }

        /** The units above the unit, nearest first; stops at a loop. */
        private List<String> above(String unitId) {
            List<String> line = new ArrayList<>();
            Set<String> seen = new HashSet<>(List.of(unitId));
            for (Unit u = units.get(unitId); u != null && u.parentId() != null && seen.add(u.parentId()); ) {
                line.add(u.parentId());
                u = units.get(u.parentId());
            }
            return line;
        }

        /** The units and every unit below them. */
        public Set<String> unitsBelow(Collection<String> roots) {
            Set<String> found = new LinkedHashSet<>();
            List<String> pending = new ArrayList<>(roots);
            while (!pending.isEmpty()) {
                String id = pending.remove(0);
                if (units.containsKey(id) && found.add(id)) pending.addAll(children.getOrDefault(id, List.of()));
            }
            return found;
        }

        /** The people of the units given, leavers included. */
        public List<Person> peopleOf(Collection<String> unitIds) {
            return unitIds.stream()
                    .flatMap(id -> members.getOrDefault(id, List.of()).stream())
                    .map(people::get)
                    .toList();
        }

        /** People who belong to no unit (HR, IT, administrators). */
        public List<Person> outsideUnits() {
            return people.values().stream().filter(p -> p.unitId() == null).toList();
        }

        /** The unit as shown; {@code leavers} keeps leavers and removed units in it. */
        public Node node(String unitId, boolean leavers) {
            return node(unitId, leavers, new HashSet<>());
        }

        private Node node(String unitId, boolean leavers, Set<String> seen) {
            seen.add(unitId);
            Unit unit = units.get(unitId);
            List<Node> below = children.getOrDefault(unitId, List.of()).stream()
                    .filter(id ->
                            !seen.contains(id) && (leavers || units.get(id).active()))
                    .sorted()
                    .map(id -> node(id, leavers, seen))
                    .toList();
            List<Person> all = members.getOrDefault(unitId, List.of()).stream()
                    .map(people::get)
                    .sorted(Comparator.comparing((Person p) -> !p.id().equals(unit.headId()))
                            .thenComparing(Person::id))
                    .toList();
            List<Person> shown = all.stream().filter(p -> leavers || p.active()).toList();
            int active = (int) all.stream().filter(Person::active).count();
            Person head = unit.headId() == null ? null : people.get(unit.headId());
            List<Person> supervisors = all.stream()
                    .filter(p -> p.active() && p.role() == Role.SUPERVISOR && !p.id().equals(unit.headId()))
                    .toList();
            int subtree = active
                    + below.stream()
                            .filter(n -> n.unit().active())
                            .mapToInt(Node::subtreeActiveCount)
                            .sum();
            return new Node(unit, head, supervisors, shown, below, active, subtree);
        }
    }
}

package com.servicereview.org;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Camunda users, groups, memberships and profile grants follow the organisation. For each person
 * in scope it compares what the organisation says (from an {@link OrgSnapshot}) with what Camunda has
 * (read in bulk) and writes only the difference: new users, memberships and grants as JDBC batches
 * ({@link Inserts}), every change and removal through the identity and authorization services in
 * engine commands of {@value #CHUNK} people each.
 * <ul>
 * <li>An active person is a user (a new one gets a random password nobody knows; an administrator
 * sets one in Camunda Admin, or the directory checks it), in {@code employees}, the group of their role
 * ({@code supervisors}, {@code department-heads}, {@code hr}; heading a team or department counts too),
 * {@code hr-committee} when flagged, and the group of their unit ({@code team-…} / {@code dept-…});
 * a role-ADMIN person only in {@code camunda-admin}.</li>
 * <li>They may read the profiles of the people they must know ({@link OrgSnapshot.Relations#knownPeople}).</li>
 * <li>A leaver is taken out of every group, loses those grants and is locked as after too many failed
 * logins (Camunda Admin's Unlock undoes it); a person who comes back is unlocked. Users are never deleted.</li>
 * </ul>
 * The caller has checked who may do this; the command runs without the engine's authorization checks.
 */
@Component
class OrgProvisioner {

    private static final String UNIT_GROUP_PREFIX_TEAM = "team-";
    private static final String UNIT_GROUP_PREFIX_DEPARTMENT = "dept-";
    private static final List<String> ROLE_GROUPS = List.of(
            OrgGroups.EMPLOYEES,
            OrgGroups.SUPERVISORS,
            OrgGroups.DEPARTMENT_HEADS,
            OrgGroups.GENERAL_MANAGERS,
            OrgGroups.HR,
            OrgGroups.HR_COMMITTEE,
            OrgGroups.ADMINISTRATORS);
    private static final Map<String, String> ROLE_GROUP_NAMES = Map.of(
            OrgGroups.EMPLOYEES, "员工 / Employees",
            OrgGroups.SUPERVISORS, "主管 / Supervisors",
            OrgGroups.DEPARTMENT_HEADS, "部门经理 / Department heads",
            OrgGroups.GENERAL_MANAGERS, "总经理 / General managers",
            OrgGroups.HR, "人力资源 / HR",
            OrgGroups.HR_COMMITTEE, "人事决策委员会 / HR committee",
            OrgGroups.ADMINISTRATORS, "系统管理员 / Administrators");
    /** Far enough never to pass; with the attempts at the maximum the lock is permanent anyway. */
    private static final Date LOCKED_UNTIL = new Date(253_402_214_400_000L);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int CHUNK = 250;

    private final ProcessEngineConfigurationImpl engine;
    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final AccessProvisioner access;
    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    OrgProvisioner(ProcessEngine processEngine, AccessProvisioner access, JdbcClient jdbc, JdbcTemplate batch) {
        this.engine = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        this.identity = processEngine.getIdentityService();
        this.authorizations = processEngine.getAuthorizationService();
        this.access = access;
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** The group of a unit's people: {@code team-as1}, {@code dept-cs}. */
    static String unitGroup(OrgSnapshot.Unit unit) {
        return unit.kind() == UnitKind.TEAM ? OrgGroups.team(unit.id()) : UNIT_GROUP_PREFIX_DEPARTMENT + unit.id();
    }

    /**
     * Brings Camunda in line with the organisation for {@code scope} (person ids) and the groups of
     * {@code units}. {@code renamed}: people whose names or e-mail the import changed (their Camunda
     * profile follows; other profiles keep what an administrator may have edited). {@code rejoined}:
     * people who were leavers and are back (unlocked).
     *
     * @return how many of each thing were created, changed or removed; all zero when Camunda was in line
     */
    Map<String, Integer> provision(
            OrgSnapshot org,
            Collection<String> scope,
            Collection<String> units,
            Set<String> renamed,
            Set<String> rejoined) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> people =
                scope.stream().filter(org.people()::containsKey).distinct().toList();
        unchecked(() -> counts.put("groups", ensureGroups(org, units)));
        OrgSnapshot.Relations relations = org.relations();
        Inserts inserts = new Inserts();
        for (int from = 0; from < people.size(); from += CHUNK) {
            List<String> chunk = people.subList(from, Math.min(people.size(), from + CHUNK));
            unchecked(() -> provisionPeople(org, relations, chunk, renamed, rejoined, counts, inserts));
        }
        inserts.write(batch);
        // Each grant is its own engine command (each finds the row the one before it made), run as the system.
        Authentication caller = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            access.grantAll().forEach((kind, n) -> counts.merge(kind, n, Integer::sum));
        } finally {
            if (caller != null) identity.setAuthentication(caller);
        }
        return counts;
    }

    /**
     * One engine command without authorization checks: its writes are flushed together at its end, in
     * JDBC batches. Commands of at most {@value #CHUNK} people, because the engine orders a flush's
     * inserts in quadratic time.
     */
    private void unchecked(Runnable work) {
        engine.getCommandExecutorTxRequired().execute((CommandContext context) -> {
            context.disableAuthorizationCheck();
            try {
                work.run();
            } finally {
                context.enableAuthorizationCheck();
            }
            return null;
        });
    }

    private int ensureGroups(OrgSnapshot org, Collection<String> unitIds) {
        Map<String, String> wanted = new LinkedHashMap<>();
        ROLE_GROUPS.forEach(id -> wanted.put(id, ROLE_GROUP_NAMES.get(id)));
        for (String unitId : unitIds) {
            OrgSnapshot.Unit unit = org.units().get(unitId);
            if (unit != null) wanted.put(unitGroup(unit), unit.nameZh() + " / " + unit.nameEn());
        }
        Map<String, Group> existing = new HashMap<>();
        identity.createGroupQuery()
                .groupIdIn(wanted.keySet().toArray(String[]::new))
                .list()
                .forEach(g -> existing.put(g.getId(), g));
        int changed = 0;
        for (Map.Entry<String, String> entry : wanted.entrySet()) {
            Group group = existing.get(entry.getKey());
            boolean unitGroup = !ROLE_GROUPS.contains(entry.getKey());
            if (group == null) {
                group = identity.newGroup(entry.getKey());
                group.setType(
                        entry.getKey().equals(OrgGroups.ADMINISTRATORS)
                                ? Groups.GROUP_TYPE_SYSTEM
                                : Groups.GROUP_TYPE_WORKFLOW);
            } else if (!unitGroup || entry.getValue().equals(group.getName())) {
                // A role group keeps a name an administrator gave it; a unit group follows its unit.
                continue;
            }
            group.setName(entry.getValue());
            identity.saveGroup(group);
            changed++;
        }
        return changed;
    }

    /** The groups the organisation puts the person in (none for a leaver). */
    static Set<String> groupsOf(OrgSnapshot org, OrgSnapshot.Relations relations, OrgSnapshot.Person person) {
        Set<String> groups = new LinkedHashSet<>();
        if (!person.active()) return groups;
        if (person.role() == Role.ADMIN) {
            // A direct member: the admin setup endpoint treats a group without one as "no admin yet".
            groups.add(OrgGroups.ADMINISTRATORS);
            return groups;
        }
        groups.add(OrgGroups.EMPLOYEES);
        switch (person.role()) {
            case SUPERVISOR -> groups.add(OrgGroups.SUPERVISORS);
            case DEPARTMENT_HEAD -> groups.add(OrgGroups.DEPARTMENT_HEADS);
            case GENERAL_MANAGER -> groups.add(OrgGroups.GENERAL_MANAGERS);
            case HR -> groups.add(OrgGroups.HR);
            default -> {}
        }
        if (person.hrCommittee()) groups.add(OrgGroups.HR_COMMITTEE);
        for (String unitId : relations.headedBy(person.id())) {
            OrgSnapshot.Unit unit = org.units().get(unitId);
            if (unit.active())
                groups.add(
                        switch (unit.kind()) {
                            case TEAM -> OrgGroups.SUPERVISORS;
                            case DEPARTMENT -> OrgGroups.DEPARTMENT_HEADS;
                            case COMPANY -> OrgGroups.GENERAL_MANAGERS;
                        });
        }
        OrgSnapshot.Unit unit = person.unitId() == null ? null : org.units().get(person.unitId());
        if (unit != null && unit.active()) groups.add(unitGroup(unit));
        return groups;
    }

    /** Groups whose membership the organisation decides; other groups (made in Camunda Admin) are left alone, except for leavers. */
    private static boolean managed(String groupId) {
        return ROLE_GROUPS.contains(groupId)
                || groupId.startsWith(UNIT_GROUP_PREFIX_TEAM)
                || groupId.startsWith(UNIT_GROUP_PREFIX_DEPARTMENT);
    }

    private void provisionPeople(
            OrgSnapshot org,
            OrgSnapshot.Relations relations,
            List<String> people,
            Set<String> renamed,
            Set<String> rejoined,
            Map<String, Integer> counts,
            Inserts inserts) {
        String[] ids = people.toArray(String[]::new);
        Map<String, CamundaUser> users = new HashMap<>();
        jdbc.sql("select id_, first_, last_, email_, coalesce(attempts_, 0) from public.act_id_user where id_ = any(?)")
                .param(ids)
                .query(rs -> {
                    users.put(
                            rs.getString(1),
                            new CamundaUser(rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)));
                });
        Map<String, Set<String>> memberships = new HashMap<>();
        jdbc.sql("select user_id_, group_id_ from public.act_id_membership where user_id_ = any(?)")
                .param(ids)
                .query(rs -> {
                    memberships
                            .computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                            .add(rs.getString(2));
                });
        Map<String, Map<String, Integer>> grants = new HashMap<>();
        jdbc.sql("""
                select user_id_, resource_id_, perms_ from public.act_ru_authorization
                 where type_ = ? and resource_type_ = ? and user_id_ = any(?)""")
                .params(AUTH_TYPE_GRANT, Resources.USER.resourceType(), ids)
                .query(rs -> {
                    grants.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                            .put(rs.getString(2), rs.getInt(3));
                });
        int maxAttempts = engine.getLoginMaxAttempts();
        for (String id : people) {
            OrgSnapshot.Person person = org.people().get(id);
            CamundaUser user = users.get(id);
            if (user == null) {
                // Someone who has already left when first imported never needs a login.
                if (!person.active()) continue;
                inserts.user(person, engine);
                counts.merge("users", 1, Integer::sum);
            } else if (!person.active() && user.attempts() < maxAttempts) {
                lock(id, maxAttempts);
                counts.merge("locked", 1, Integer::sum);
            } else if (person.active() && rejoined.contains(id)) {
                identity.unlockUser(id);
                counts.merge("unlocked", 1, Integer::sum);
            } else if (person.active() && renamed.contains(id) && !user.matches(person)) {
                rename(id, person);
                counts.merge("renamed", 1, Integer::sum);
            }
            Set<String> wanted = groupsOf(org, relations, person);
            Set<String> current = memberships.getOrDefault(id, Set.of());
            for (String group : wanted) {
                if (!current.contains(group)) {
                    if (user == null) {
                        inserts.membership(id, group);
                    } else {
                        identity.createMembership(id, group);
                    }
                    counts.merge("memberships", 1, Integer::sum);
                }
            }
            for (String group : current) {
                if (!wanted.contains(group) && (!person.active() || managed(group))) {
                    identity.deleteMembership(id, group);
                    counts.merge("membershipsRemoved", 1, Integer::sum);
                }
            }
            Set<String> known = person.active() ? relations.knownPeople(id) : Set.of();
            Map<String, Integer> held = grants.getOrDefault(id, Map.of());
            for (String other : known) {
                Integer perms = held.get(other);
                if (perms == null) {
                    inserts.readGrant(id, other);
                    counts.merge("profileGrants", 1, Integer::sum);
                } else if ((perms & Permissions.READ.getValue()) == 0) {
                    grantRead(id, other);
                    counts.merge("profileGrants", 1, Integer::sum);
                }
            }
            for (Map.Entry<String, Integer> grant : held.entrySet()) {
                String other = grant.getKey();
                // A user's own profile row is Camunda's (all permissions on themself).
                if (!other.equals(id)
                        && !known.contains(other)
                        && (grant.getValue() & Permissions.READ.getValue()) != 0) {
                    revokeRead(id, other);
                    counts.merge("profileGrantsRemoved", 1, Integer::sum);
                }
            }
        }
    }

    /**
     * What is new for Camunda — users, their memberships, profile grants — written at the end as plain
     * JDBC batches into the engine's identity and authorization tables: through the services each row
     * would be an entity of the engine's flush (20,000 people make some 200,000 rows, minutes instead of
     * seconds). The rows are what the services write: a user with a salted hash of a random password
     * nobody knows and the grant of everything on their own profile (Camunda's default for a new user),
     * memberships, and READ grants. The engine caches none of these tables, so it sees them at once;
     * changes and removals still go through the services.
     */
    private static final class Inserts {

        /** Enough new rows to change the tables' statistics noticeably. */
        private static final int ANALYZE_AFTER_ROWS = 10_000;

        private final List<Object[]> users = new ArrayList<>();
        private final List<Object[]> memberships = new ArrayList<>();
        private final List<Object[]> grants = new ArrayList<>();

        void user(OrgSnapshot.Person person, ProcessEngineConfigurationImpl engine) {
            byte[] secret = new byte[24];
            RANDOM.nextBytes(secret);
            String salt = engine.getSaltGenerator().generateSalt();
            String hash = engine.getPasswordManager()
                    .encrypt(Base64.getUrlEncoder().withoutPadding().encodeToString(secret) + salt);
            users.add(new Object[] {person.id(), person.nameZh(), person.nameEn(), person.email(), hash, salt});
            grants.add(
                    new Object[] {UUID.randomUUID().toString(), person.id(), person.id(), Permissions.ALL.getValue()});
        }

        void membership(String userId, String groupId) {
            memberships.add(new Object[] {userId, groupId});
        }

        void readGrant(String userId, String otherId) {
            grants.add(new Object[] {UUID.randomUUID().toString(), userId, otherId, Permissions.READ.getValue()});
        }

        void write(JdbcTemplate batch) {
            batch.batchUpdate(
                    "insert into public.act_id_user (id_, rev_, first_, last_, email_, pwd_, salt_) values (?, 1, ?, ?, ?, ?, ?)",
                    users);
            batch.batchUpdate("insert into public.act_id_membership (user_id_, group_id_) values (?, ?)", memberships);
            batch.batchUpdate(
                    "insert into public.act_ru_authorization (id_, rev_, type_, user_id_, resource_type_, resource_id_, perms_) "
                            + "values (?, 1, " + AUTH_TYPE_GRANT + ", ?, " + Resources.USER.resourceType() + ", ?, ?)",
                    grants);
            // After a bulk load the planner still takes these tables for nearly empty until autovacuum catches up, and
            // the
            // next import's look-ups by user (and Camunda's authorization checks) scan them row by row: the unchanged
            // second
            // import of 20,000 people took 86 s instead of seconds. Fresh statistics now, as after any bulk load.
            if (users.size() + memberships.size() + grants.size() >= ANALYZE_AFTER_ROWS) {
                batch.execute("analyze public.act_id_user, public.act_id_membership, public.act_ru_authorization");
            }
        }
    }

    private void rename(String id, OrgSnapshot.Person person) {
        User user = identity.createUserQuery().userId(id).singleResult();
        setProfile(user, person);
        identity.saveUser(user);
    }

    /** The web apps show "firstName lastName": 张伟 Zhang Wei. */
    private static void setProfile(User user, OrgSnapshot.Person person) {
        user.setFirstName(person.nameZh());
        user.setLastName(person.nameEn());
        user.setEmail(person.email());
    }

    /** The engine's own permanent lock (attempts at the maximum), which Camunda Admin's Unlock lifts. */
    private void lock(String id, int maxAttempts) {
        CommandContext context = Context.getCommandContext();
        UserEntity user = (UserEntity) context.getReadOnlyIdentityProvider().findUserById(id);
        context.getIdentityInfoManager().updateUserLock(user, maxAttempts, LOCKED_UNTIL);
    }

    private void grantRead(String userId, String otherId) {
        Authorization authorization = row(userId, otherId);
        authorization.addPermission(Permissions.READ);
        authorizations.saveAuthorization(authorization);
    }

    private void revokeRead(String userId, String otherId) {
        Authorization authorization = row(userId, otherId);
        authorization.removePermission(Permissions.READ);
        if (Arrays.stream(authorization.getPermissions(Permissions.values())).allMatch(p -> p == Permissions.NONE)) {
            authorizations.deleteAuthorization(authorization.getId());
        } else {
            authorizations.saveAuthorization(authorization);
        }
    }

    private Authorization row(String userId, String otherId) {
        return authorizations
                .createAuthorizationQuery()
                .authorizationType(AUTH_TYPE_GRANT)
                .userIdIn(userId)
                .resourceType(Resources.USER)
                .resourceId(otherId)
                .singleResult();
    }

    private record CamundaUser(String firstName, String lastName, String email, int attempts) {
        boolean matches(OrgSnapshot.Person person) {
            return person.nameZh().equals(firstName)
                    && person.nameEn().equals(lastName)
                    && Objects.equals(person.email(), email);
        }
    }
}

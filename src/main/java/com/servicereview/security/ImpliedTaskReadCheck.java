package com.servicereview.security;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.TaskQueryImpl;

/**
 * When the per-task authorization check of a task query may be skipped ({@link AuthorizationShortcuts}): when its own
 * criteria already confine it to tasks the user may read, "my tasks" (assignee = the user) and "my group tasks"
 * (candidate groups, all of them the user's). The engine grants READ on a task to its assignee and to each candidate
 * group as it links them, so for such a query the check — three index probes into the grants for every matching
 * task, 0.12 s of a count of 10,000 group tasks against 0.02 s for the count itself (docs/benchmarks-tasklists.md) — can only
 * confirm what the criteria already chose.
 *
 * <p>Kept to what that argument covers: no OR queries (their branches widen), no candidate user or involved user (they
 * reach tasks through links the query does not name), and never while a REVOKE applies to the user or their groups
 * (the engine's own test, {@code authorizationCheckRevokes}, made by the caller): a revoked task must stay hidden. Our
 * code removes a person's task grants only when it takes the task from them ({@code ReviewReassignment}), so the
 * assignee and candidate grants hold for every open task. Every other query, and every single-task lookup, keeps the
 * engine's check.
 */
final class ImpliedTaskReadCheck {

    private ImpliedTaskReadCheck() {}

    /** Whether {@code query}'s criteria alone keep it to tasks assigned to {@code userId} or offered to its groups. */
    static boolean impliedByCriteria(TaskQueryImpl query, String userId, List<String> groupIds) {
        if (userId == null || query.getQueries().size() != 1) return false;
        if (query.getCandidateUser() != null || query.getInvolvedUser() != null) return false;
        if (userId.equals(query.getAssignee())) return true;
        Set<String> candidateGroups = new HashSet<>();
        if (query.getCandidateGroup() != null) candidateGroups.add(query.getCandidateGroup());
        if (query.getCandidateGroupsInternal() != null) candidateGroups.addAll(query.getCandidateGroupsInternal());
        return !candidateGroups.isEmpty() && groupIds != null && groupIds.containsAll(candidateGroups);
    }
}

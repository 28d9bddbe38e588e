package com.servicereview.cycle;

import com.servicereview.org.OrgAccess;
import com.servicereview.security.CurrentUser;
import com.servicereview.web.ForbiddenException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may follow a cycle (its API and its report): whoever may see the cycle's unit ({@link OrgAccess}) —
 * HR, administrators, and the heads of the unit or of a unit above it.
 */
@Component
public class CycleAccess {

    private final OrgAccess access;
    private final JdbcClient jdbc;

    CycleAccess(OrgAccess access, JdbcClient jdbc) {
        this.access = access;
        this.jdbc = jdbc;
    }

    /**
     * Whether the caller ({@link CurrentUser}) may read the cycle. An unknown cycle is readable only by those who see
     * everything, so that they get its 404 and others learn nothing.
     */
    public boolean mayRead(String cycleId) {
        String user = CurrentUser.id();
        return access.seesEverything(user)
                || unitOf(cycleId).filter(unit -> access.canSeeUnit(user, unit)).isPresent();
    }

    public void check(String cycleId) {
        if (!mayRead(cycleId)) throw new ForbiddenException("you may not read cycle " + cycleId);
    }

    private Optional<String> unitOf(String cycleId) {
        return jdbc.sql("select unit_id from review.cycle where id = ?")
                .param(cycleId)
                .query(String.class)
                .optional();
    }
}

package com.servicereview.org;

import com.servicereview.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the demo organisation in our tables and in Camunda's identity store. Runs on every start
 * in demo mode and only adds what is missing, so it is safe against a database that persists
 * between runs.
 */
@Component
@Order(DemoOrganisationLoader.ORDER)
@ConditionalOnProperty(name = "service-review.demo.enabled", havingValue = "true")
public class DemoOrganisationLoader implements ApplicationRunner {

    /** Before other start-up checks, which must see the demo users. */
    public static final int ORDER = 0;

    private static final Logger log = LoggerFactory.getLogger(DemoOrganisationLoader.class);

    private final OrgRepository org;
    private final DemoIdentityProvisioner identities;
    private final DemoAccessProvisioner access;
    private final AuditLog audit;
    private final TransactionTemplate transaction;

    DemoOrganisationLoader(OrgRepository org, DemoIdentityProvisioner identities, DemoAccessProvisioner access,
                           AuditLog audit, PlatformTransactionManager transactionManager) {
        this.org = org;
        this.identities = identities;
        this.access = access;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    @Override
    public void run(ApplicationArguments args) {
        Map<String, Integer> created = load();
        if (created.values().stream().allMatch(count -> count == 0)) {
            log.info("Demo organisation already present");
        } else {
            log.info("Demo organisation created: {}", created);
        }
    }

    /**
     * One transaction for our tables and Camunda's (the engine joins Spring's transaction), so a
     * failed start leaves nothing half-created.
     *
     * @return how many items of each kind were created; all zero when everything existed
     */
    Map<String, Integer> load() {
        return transaction.execute(status -> {
            Map<String, Integer> created = new LinkedHashMap<>();
            created.put("orgUnits", (int) DemoOrganisation.UNITS.stream().filter(org::insertOrgUnitIfAbsent).count());
            created.put("employees", (int) DemoOrganisation.PEOPLE.stream()
                    .map(DemoPerson::employee).filter(org::insertEmployeeIfAbsent).count());
            // A demo database made before the organisation had a top: the department joins the head office.
            int topLinks = (org.setParentIfUnset(DemoOrganisation.DEPARTMENT_ID, DemoOrganisation.COMPANY_ID) ? 1 : 0)
                    + (org.setSupervisorIfUnset(DemoOrganisation.HEAD, DemoOrganisation.GENERAL_MANAGER_ID) ? 1 : 0);
            created.put("topLinks", topLinks);
            created.put("groupReviewers", (int) DemoOrganisation.GROUP_REVIEWERS.stream()
                    .filter(pair -> org.insertGroupReviewerIfAbsent(pair[0], pair[1])).count());
            created.put("users", identities.createUsers(DemoOrganisation.PEOPLE));
            created.put("groups", identities.createGroups(DemoOrganisation.GROUPS));
            created.put("memberships", identities.createMemberships(DemoOrganisation.PEOPLE));
            created.put("webAppGrants", access.grantWebAppAccess());
            created.put("adminGrants", access.grantAdministratorsEverything());
            created.put("processGrants", access.grantReviewStart());
            created.put("filters", access.createTasklistFilters());
            if (created.values().stream().anyMatch(count -> count > 0)) {
                audit.record("system", "DEMO_ORGANISATION_CREATED", "demo-organisation", created);
            }
            return created;
        });
    }
}

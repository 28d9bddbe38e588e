package com.servicereview.org;

import com.servicereview.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
    private final OrgSyncStore store;
    private final DemoIdentityProvisioner identities;
    private final OrgProvisioner provisioner;
    private final AuditLog audit;
    private final TransactionTemplate transaction;

    DemoOrganisationLoader(
            OrgRepository org,
            OrgSyncStore store,
            DemoIdentityProvisioner identities,
            OrgProvisioner provisioner,
            AuditLog audit,
            PlatformTransactionManager transactionManager) {
        this.org = org;
        this.store = store;
        this.identities = identities;
        this.provisioner = provisioner;
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
            store.lock();
            Map<String, Integer> created = new LinkedHashMap<>();
            created.put("orgUnits", (int) DemoOrganisation.UNITS.stream()
                    .filter(org::insertOrgUnitIfAbsent)
                    .count());
            // Everyone in HR sits on the HR committee in the demo.
            created.put("employees", (int) DemoOrganisation.PEOPLE.stream()
                    .filter(p -> org.insertEmployeeIfAbsent(p.employee(), p.role() == Role.HR))
                    .count());
            // A demo database made before the organisation had a top: the department joins the head office.
            int topLinks = (org.setParentIfUnset(DemoOrganisation.DEPARTMENT_ID, DemoOrganisation.COMPANY_ID) ? 1 : 0)
                    + (org.setSupervisorIfUnset(DemoOrganisation.HEAD, DemoOrganisation.GENERAL_MANAGER_ID) ? 1 : 0);
            created.put("topLinks", topLinks);
            created.put("groupReviewers", (int) DemoOrganisation.GROUP_REVIEWERS.stream()
                    .filter(pair -> org.insertGroupReviewerIfAbsent(pair[0], pair[1]))
                    .count());
            created.put("users", identities.createUsers(DemoOrganisation.PEOPLE));
            // The same provisioning as an import's, for the demo's people and units.
            created.putAll(provisioner.provision(
                    store.load(),
                    DemoOrganisation.PEOPLE.stream().map(DemoPerson::id).toList(),
                    DemoOrganisation.UNITS.stream().map(OrgUnit::id).toList(),
                    Set.of(),
                    Set.of()));
            if (created.values().stream().anyMatch(count -> count > 0)) {
                audit.record("system", "DEMO_ORGANISATION_CREATED", "demo-organisation", created);
            }
            return created;
        });
    }
}

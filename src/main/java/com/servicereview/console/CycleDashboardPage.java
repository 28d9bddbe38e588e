package com.servicereview.console;

import com.servicereview.cycle.ReviewCycleProcess;
import com.servicereview.org.OrgAccess;
import com.servicereview.report.CycleReport;
import com.servicereview.schemes.SchemeRegistry;
import com.servicereview.security.CurrentUser;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /console/cycles}: the cycles the caller may follow (HR and administrators all, line managers those of their
 * units, as {@code cycle.CycleAccess} rules for the API) and, for those the engine lets start review-cycle (the rule of
 * {@code POST /api/cycles}, which the page's form calls), the form to start one; {@code /console/cycles/{id}}: one
 * cycle's dashboard.
 */
@Controller
class CycleDashboardPage {

    private final ConsolePages pages;
    private final OrgAccess access;
    private final ConsoleQueries queries;
    private final CycleDashboard dashboard;
    private final MessageSource messages;
    private final ProcessEngine engine;
    private final SchemeRegistry schemes;

    CycleDashboardPage(
            ConsolePages pages,
            OrgAccess access,
            ConsoleQueries queries,
            CycleDashboard dashboard,
            MessageSource messages,
            ProcessEngine engine,
            SchemeRegistry schemes) {
        this.messages = messages;
        this.engine = engine;
        this.schemes = schemes;
        this.pages = pages;
        this.access = access;
        this.queries = queries;
        this.dashboard = dashboard;
    }

    @GetMapping("/console/cycles")
    ModelAndView cycles(Locale locale) {
        ConsolePages.Visitor visitor = pages.visitor(locale);
        if (!visitor.mayFollowCycles())
            return ConsolePages.message(HttpStatus.FORBIDDEN, "console.cycles.forbidden", visitor.userId());
        List<ConsoleQueries.CycleRow> cycles = queries.cycles().stream()
                .filter(cycle -> visitor.seesEverything() || access.canSeeUnit(visitor.userId(), cycle.unitId()))
                .toList();
        ModelAndView page = new ModelAndView("console/cycles");
        page.addObject("visitor", visitor);
        page.addObject("cycles", cycles);
        boolean mayStart = mayStartCycles(visitor.userId());
        page.addObject("mayStart", mayStart);
        if (mayStart) {
            page.addObject("units", queries.activeUnits());
            page.addObject("schemes", schemes.latest());
            page.addObject("lastMonth", YearMonth.now().minusMonths(1).toString());
        }
        return page;
    }

    /** What Camunda checks when {@code POST /api/cycles} starts review-cycle: creating instances of its definition. */
    private boolean mayStartCycles(String user) {
        List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId)
                .toList();
        AuthorizationService authorizations = engine.getAuthorizationService();
        return authorizations.isUserAuthorized(
                        user, groups, Permissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION, ReviewCycleProcess.KEY)
                && authorizations.isUserAuthorized(
                        user, groups, Permissions.CREATE, Resources.PROCESS_INSTANCE, Authorization.ANY);
    }

    @GetMapping("/console/cycles/{cycleId}")
    ModelAndView cycle(@PathVariable String cycleId, Locale locale) {
        String user = CurrentUser.id();
        ConsoleQueries.CycleRow cycle = queries.cycle(cycleId).orElse(null);
        // Like the API: an unknown cycle is a 404 only for those who see everything, others learn nothing.
        if (cycle == null ? !access.seesEverything(user) : !access.canSeeUnit(user, cycle.unitId())) {
            return ConsolePages.message(HttpStatus.FORBIDDEN, "console.cycle.forbidden", cycleId);
        }
        if (cycle == null) return ConsolePages.message(HttpStatus.NOT_FOUND, "console.cycle.notFound", cycleId);
        boolean english = ConsolePages.english(locale);
        CycleDashboard.Facts facts = dashboard.facts(cycle, english);
        ModelAndView page = new ModelAndView("console/cycle");
        page.addObject("visitor", pages.visitor(locale));
        page.addObject("facts", facts);
        page.addObject("steps", Arrays.asList(CycleDashboard.Step.values()));
        List<String> stepLabels = Arrays.stream(CycleDashboard.Step.values())
                .map(step -> messages.getMessage("console.step." + step.key(), null, locale))
                .toList();
        page.addObject("charts", Charts.of(facts, stepLabels, english));
        return page;
    }

    /** The figures of the dashboard's two charts, embedded as JSON for static/js/console-charts.js. */
    record Charts(
            List<String> stepLabels,
            List<Integer> stepCounts,
            List<String> gradeLabels,
            List<Double> quotaPercent,
            List<Double> actualPercent) {

        static Charts of(CycleDashboard.Facts facts, List<String> stepLabels, boolean english) {
            List<Integer> counts = Arrays.stream(CycleDashboard.Step.values())
                    .map(facts.steps()::get)
                    .toList();
            if (facts.report() == null) return new Charts(stepLabels, counts, List.of(), List.of(), List.of());
            return new Charts(
                    stepLabels,
                    counts,
                    facts.report().distribution().stream()
                            .map(row -> english ? row.labelEn() : row.labelZh())
                            .toList(),
                    facts.report().distribution().stream()
                            .map(CycleReport.GradeRow::quotaPercent)
                            .toList(),
                    facts.report().distribution().stream()
                            .map(CycleReport.GradeRow::actualPercent)
                            .toList());
        }
    }
}

package com.servicereview.console;

import com.servicereview.org.OrgAccess;
import com.servicereview.report.CycleReport;
import com.servicereview.security.CurrentUser;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /console/cycles}: the cycles the caller may follow (HR and administrators all, line managers those of their
 * units, as {@code cycle.CycleAccess} rules for the API); {@code /console/cycles/{id}}: one cycle's dashboard.
 */
@Controller
class CycleDashboardPage {

    private final ConsolePages pages;
    private final OrgAccess access;
    private final ConsoleQueries queries;
    private final CycleDashboard dashboard;
    private final MessageSource messages;

    CycleDashboardPage(
            ConsolePages pages,
            OrgAccess access,
            ConsoleQueries queries,
            CycleDashboard dashboard,
            MessageSource messages) {
        this.messages = messages;
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
        return page;
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

package com.servicereview.console;

import com.servicereview.metrics.ImportHistory;
import com.servicereview.org.OrgAccess;
import com.servicereview.org.OrgRepository;
import com.servicereview.security.CurrentUser;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * The HR console's home, "my reviews" (and a manager's view of one of their people) and the imports page.
 * Each page shows only what {@link OrgAccess} lets the caller see, like the API does; a refusal is the small
 * page {@code templates/message.html} with status 403.
 */
@Controller
class ConsolePages {

    /** How many import jobs the history shows. */
    static final int HISTORY = 30;

    private final OrgAccess access;
    private final OrgRepository org;
    private final ConsoleQueries queries;
    private final ImportHistory imports;

    ConsolePages(OrgAccess access, OrgRepository org, ConsoleQueries queries, ImportHistory imports) {
        this.access = access;
        this.org = org;
        this.queries = queries;
        this.imports = imports;
    }

    /** What the caller may use: HR and administrators everything, line managers their cycles and people, everyone their own reviews. */
    record Visitor(
            String userId, String name, boolean seesEverything, boolean manager, List<ConsoleQueries.Person> people) {

        public boolean mayFollowCycles() {
            return seesEverything || manager;
        }
    }

    Visitor visitor(Locale locale) {
        String user = CurrentUser.id();
        boolean everything = access.seesEverything(user);
        List<ConsoleQueries.Person> people = queries.people(org.ledBy(user));
        String name = queries.person(user)
                .map(p -> english(locale) ? p.nameEn() : p.nameZh())
                .orElse(user);
        return new Visitor(user, name, everything, !people.isEmpty(), people);
    }

    @GetMapping({"/console", "/console/"})
    ModelAndView home(Locale locale) {
        ModelAndView page = new ModelAndView("console/home");
        page.addObject("visitor", visitor(locale));
        return page;
    }

    @GetMapping("/console/me")
    ModelAndView me(Locale locale) {
        return reviews(CurrentUser.id(), locale);
    }

    @GetMapping("/console/people/{employeeId}")
    ModelAndView person(@PathVariable String employeeId, Locale locale) {
        if (!access.canSeeEmployee(CurrentUser.id(), employeeId))
            return message(HttpStatus.FORBIDDEN, "console.person.forbidden", employeeId);
        return reviews(employeeId, locale);
    }

    private ModelAndView reviews(String employeeId, Locale locale) {
        Optional<ConsoleQueries.Person> person = queries.person(employeeId);
        if (person.isEmpty()) return message(HttpStatus.NOT_FOUND, "console.person.notFound", employeeId);
        List<ConsoleQueries.ArchivedReview> reviews = queries.archivedReviews(employeeId);
        Map<String, List<ConsoleQueries.ScoreVersion>> versions = new LinkedHashMap<>();
        for (ConsoleQueries.ScoreVersion version : queries.scoreVersions(employeeId)) {
            versions.computeIfAbsent(version.reviewId(), id -> new ArrayList<>())
                    .add(version);
        }
        ModelAndView page = new ModelAndView("console/reviews");
        page.addObject("visitor", visitor(locale));
        page.addObject("person", person.get());
        page.addObject("own", employeeId.equals(CurrentUser.id()));
        page.addObject("reviews", reviews);
        page.addObject("versions", versions);
        page.addObject("trend", trend(reviews));
        return page;
    }

    /** The figures of the trend chart: one point per archived review, oldest first, named by period and scheme. */
    record Trend(List<String> labels, List<BigDecimal> totals, List<String> grades) {}

    private static Trend trend(List<ConsoleQueries.ArchivedReview> reviews) {
        boolean severalSchemes = reviews.stream()
                        .map(ConsoleQueries.ArchivedReview::schemeId)
                        .distinct()
                        .count()
                > 1;
        return new Trend(
                reviews.stream()
                        .map(r -> severalSchemes ? r.period() + " " + r.schemeId() : r.period())
                        .toList(),
                reviews.stream().map(ConsoleQueries.ArchivedReview::total).toList(),
                reviews.stream().map(ConsoleQueries.ArchivedReview::grade).toList());
    }

    @GetMapping("/console/imports")
    ModelAndView imports(Locale locale) {
        Visitor visitor = visitor(locale);
        if (!visitor.seesEverything())
            return message(HttpStatus.FORBIDDEN, "console.imports.forbidden", visitor.userId());
        ModelAndView page = new ModelAndView("console/imports");
        page.addObject("visitor", visitor);
        page.addObject("recordTypes", imports.recordTypes());
        page.addObject("jobs", imports.latest(HISTORY));
        page.addObject("lastMonth", YearMonth.now().minusMonths(1).toString());
        return page;
    }

    static boolean english(Locale locale) {
        return Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
    }

    /** The page {@code templates/message.html} with the messages {@code <key>.title} and {@code <key>.text}({@code argument}). */
    static ModelAndView message(HttpStatus status, String key, String argument) {
        ModelAndView page = new ModelAndView("message", status);
        page.addObject("titleKey", key + ".title");
        page.addObject("textKey", key + ".text");
        page.addObject("argument", argument);
        return page;
    }
}

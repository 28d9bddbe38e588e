package com.servicereview.console;

import com.servicereview.org.OrgAccess;
import com.servicereview.org.OrgRepository;
import com.servicereview.org.OrgTree;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /console/org}: the organisation as the caller may see it ({@link OrgAccess}): HR and administrators the whole
 * tree and the import (static/js/console-org.js posts the files to {@code POST /api/org/import}, a dry run first);
 * a line manager the units they head and those below, read-only; anyone else the 403 page. A search by id or name
 * finds a person among those the caller sees.
 */
@Controller
class OrgPage {

    /** How many people a search shows. */
    static final int SEARCH_LIMIT = 50;

    /** The texts static/js/console-org.js needs, by their key under {@code console.org.}. */
    private static final List<String> SCRIPT_TEXTS = List.of(
            "peopleFailed",
            "working",
            "noFile",
            "checked",
            "nothingToApply",
            "applied",
            "refused",
            "moreErrors",
            "unitsAdded",
            "unitsChanged",
            "unitsLeaving",
            "peopleAdded",
            "peopleChanged",
            "peopleLeaving",
            "reviewersAdded",
            "reviewersRemoved",
            "provisioned",
            "col.id",
            "col.name",
            "col.field",
            "col.old",
            "col.new",
            "col.unit",
            "col.reviewer",
            "field.nameZh",
            "field.nameEn",
            "field.kind",
            "field.parentId",
            "field.headId",
            "field.unitId",
            "field.jobTitle",
            "field.role",
            "field.supervisorId",
            "field.email",
            "field.phone",
            "field.activeFrom",
            "field.activeTo",
            "field.hrCommittee",
            "field.flags",
            "field.active",
            "yes",
            "no",
            "col.what",
            "col.count",
            "kind.COMPANY",
            "kind.DEPARTMENT",
            "kind.TEAM",
            "role.EMPLOYEE",
            "role.SUPERVISOR",
            "role.DEPARTMENT_HEAD",
            "role.GENERAL_MANAGER",
            "role.HR",
            "role.ADMIN",
            "provision.users",
            "provision.groups",
            "provision.memberships",
            "provision.membershipsRemoved",
            "provision.profileGrants",
            "provision.profileGrantsRemoved",
            "provision.locked",
            "provision.unlocked",
            "provision.renamed",
            "provision.webAppGrants",
            "provision.adminGrants",
            "provision.processGrants",
            "provision.filters");

    private final ConsolePages pages;
    private final OrgAccess access;
    private final OrgRepository org;
    private final OrgTree tree;
    private final MessageSource messages;
    /**
     * Up to this many visible people the page holds every unit's people; beyond, a unit's people are fetched when it
     * is opened ({@code /console/org/units/{id}/people}): for 20,000 people the whole page was 5.1 MB and took 5 s
     * to render (OrgImportBenchmark).
     */
    private final int inlinePeople;

    OrgPage(
            ConsolePages pages,
            OrgAccess access,
            OrgRepository org,
            OrgTree tree,
            MessageSource messages,
            @Value("${service-review.console.org-inline-people:2000}") int inlinePeople) {
        this.pages = pages;
        this.access = access;
        this.org = org;
        this.tree = tree;
        this.messages = messages;
        this.inlinePeople = inlinePeople;
    }

    /** A search hit: the person, their unit and their direct supervisor (either may be missing). */
    record Found(OrgTree.Person person, OrgTree.Unit unit, OrgTree.Person supervisor) {}

    @GetMapping("/console/org")
    ModelAndView organisation(
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "false") boolean leavers,
            Locale locale) {
        ConsolePages.Visitor visitor = pages.visitor(locale);
        String user = visitor.userId();
        OrgTree.Tree read = tree.load();
        // HR and administrators see every unit; a line manager the units they head, each checked by the access rule.
        List<String> roots = visitor.seesEverything()
                ? read.topUnits()
                : read.headedBy(user).stream()
                        .filter(unit -> access.canSeeUnit(user, unit))
                        .toList();
        if (!visitor.seesEverything() && roots.isEmpty() && !visitor.manager())
            return ConsolePages.message(HttpStatus.FORBIDDEN, "console.org.forbidden", user);

        List<OrgTree.Node> nodes = roots.stream()
                .filter(id -> leavers || read.unit(id).orElseThrow().active())
                .map(id -> read.node(id, leavers))
                .toList();
        ModelAndView page = new ModelAndView("console/org");
        page.addObject("visitor", visitor);
        page.addObject("mayImport", visitor.seesEverything());
        page.addObject("leavers", leavers);
        page.addObject("nodes", nodes);
        page.addObject("tree", read);
        page.addObject(
                "outside",
                visitor.seesEverything()
                        ? read.outsideUnits().stream()
                                .filter(p -> leavers || p.active())
                                .toList()
                        : List.of());
        List<OrgTree.Person> visible = visible(read, visitor, roots);
        page.addObject("inlinePeople", visible.size() <= inlinePeople);
        String query = q == null ? "" : q.strip();
        page.addObject("q", query);
        if (!query.isEmpty()) {
            List<Found> found = search(read, visible, query, leavers);
            page.addObject("found", found.stream().limit(SEARCH_LIMIT).toList());
            page.addObject("moreFound", Math.max(0, found.size() - SEARCH_LIMIT));
        }
        page.addObject("texts", texts(locale));
        return page;
    }

    /** The people table of one unit, for a page too large to hold them all; the unit must be one the caller sees. */
    @GetMapping("/console/org/units/{unitId}/people")
    ModelAndView unitPeople(
            @PathVariable String unitId, @RequestParam(defaultValue = "false") boolean leavers, Locale locale) {
        ConsolePages.Visitor visitor = pages.visitor(locale);
        // Only this unit: "expand all" on a large page fetches every unit's table, each reading the whole organisation.
        OrgTree.Tree read = tree.loadUnit(unitId);
        if (read.unit(unitId).isEmpty())
            return ConsolePages.message(HttpStatus.NOT_FOUND, "console.org.noSuchUnit", unitId);
        if (!visitor.seesEverything() && !access.canSeeUnit(visitor.userId(), unitId))
            return ConsolePages.message(HttpStatus.FORBIDDEN, "console.org.unitForbidden", unitId);
        ModelAndView fragment = new ModelAndView("console/org-tree :: people");
        fragment.addObject("list", read.node(unitId, leavers).people());
        fragment.addObject("tree", read);
        return fragment;
    }

    /** Everyone the visitor may see: all for HR; for a line manager the people of their units and those they lead. */
    private List<OrgTree.Person> visible(OrgTree.Tree read, ConsolePages.Visitor visitor, List<String> roots) {
        if (visitor.seesEverything()) return read.people();
        Set<OrgTree.Person> people = new LinkedHashSet<>(read.peopleOf(read.unitsBelow(roots)));
        org.ledBy(visitor.userId()).forEach(id -> read.person(id).ifPresent(people::add));
        return List.copyOf(people);
    }

    private static List<Found> search(OrgTree.Tree read, List<OrgTree.Person> people, String query, boolean leavers) {
        String wanted = folded(query);
        return people.stream()
                .filter(p -> leavers || p.active())
                .filter(p -> folded(p.id()).contains(wanted)
                        || p.nameZh().contains(query)
                        || folded(p.nameEn()).contains(wanted))
                .sorted((a, b) -> Boolean.compare(
                        !folded(a.id()).equals(wanted), !folded(b.id()).equals(wanted)))
                .map(p -> new Found(
                        p,
                        read.unit(p.unitId()).orElse(null),
                        read.person(p.supervisorId()).orElse(null)))
                .toList();
    }

    /** Case, spaces, hyphens and middle dots do not matter: "Zhang Wei", "zhangwei" and "zhang-wei" are one. */
    static String folded(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[\\s\\-_·.]", "");
    }

    private Map<String, String> texts(Locale locale) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String key : SCRIPT_TEXTS) texts.put(key, messages.getMessage("console.org." + key, null, locale));
        return texts;
    }
}

package com.servicereview.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.servicereview.schemes.SchemeDiff;
import com.servicereview.schemes.SchemeRegistry;
import com.servicereview.schemes.SchemeView;
import com.servicereview.scoring.Bracket;
import com.servicereview.scoring.EventType;
import com.servicereview.scoring.Grade;
import com.servicereview.scoring.Indicator;
import com.servicereview.scoring.IndicatorKind;
import com.servicereview.scoring.Interval;
import com.servicereview.scoring.Numbers;
import com.servicereview.scoring.Scheme;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /console/schemes}: the scheme library (every scheme, its versions, indicators, weights, brackets and the seed
 * text they implement), a what-if simulator, the editor and the diff between two versions. The pages follow the API's
 * rules ({@code security.AccessRules}): reading, what-if scoring, validation and diffs are for every user, publishing
 * for HR and administrators only, so only they are offered the publish form. The simulator and the editor call
 * {@code /api/schemes} from the page (static/js/console-schemes.js); the tables are rendered here from the same
 * {@link SchemeRegistry} the API reads.
 */
@Controller
class SchemesPage {

    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,8}");

    private final ConsolePages pages;
    private final SchemeRegistry registry;
    private final ObjectMapper json;

    SchemesPage(ConsolePages pages, SchemeRegistry registry, ObjectMapper json) {
        this.pages = pages;
        this.registry = registry;
        this.json = json;
    }

    /** One scheme in the library's index: names, the version in force this month, how many versions it has. */
    record SchemeRow(
            String id,
            String nameZh,
            String nameEn,
            int inForce,
            int versions,
            int newest,
            String newestFrom,
            int size) {}

    @GetMapping({"/console/schemes", "/console/schemes/"})
    ModelAndView library(Locale locale) {
        List<SchemeRow> rows = new ArrayList<>();
        for (Scheme scheme : registry.latest()) {
            List<SchemeRegistry.Version> versions = registry.versions(scheme.id());
            SchemeRegistry.Version newest = versions.get(versions.size() - 1);
            rows.add(new SchemeRow(
                    scheme.id(),
                    scheme.nameZh(),
                    scheme.nameEn(),
                    scheme.version(),
                    versions.size(),
                    newest.version(),
                    newest.effectiveFrom(),
                    scheme.indicators().size()));
        }
        ModelAndView page = new ModelAndView("console/schemes");
        page.addObject("visitor", pages.visitor(locale));
        page.addObject("schemes", rows);
        return page;
    }

    /** A version as the versions table lists it. */
    record VersionRow(
            int version,
            String effectiveFrom,
            String publishedBy,
            OffsetDateTime publishedAt,
            String hash,
            boolean inForce,
            boolean shown) {}

    /** One bracket row: the interval, the interval in words (this language), the points or the deduction, the seed's words. */
    record BracketRow(String range, String words, String amount, String seed) {}

    record IndicatorRow(
            String id,
            String nameZh,
            String nameEn,
            String categoryZh,
            String categoryEn,
            String weight,
            String maxPoints,
            String kind,
            String unit,
            String rule,
            String seed,
            List<BracketRow> brackets,
            String penalty,
            List<BracketRow> penaltyBrackets,
            String raters) {}

    record EventRow(String id, String nameZh, String nameEn, String points, String indicator, String seed) {}

    /** The scheme's own settings: rater weights (R1), bonus cap, grade lower bounds (G1), quota (G2), W1. */
    record Settings(
            String raters,
            String bonusCap,
            String weightSum,
            boolean normalised,
            List<GradeRow> grades,
            String source,
            String description,
            List<String> notes) {}

    record GradeRow(String grade, String labelZh, String labelEn, String lowerBound, String quota) {}

    @GetMapping("/console/schemes/{id}")
    ModelAndView scheme(@PathVariable String id, @RequestParam(required = false) String version, Locale locale) {
        Optional<Scheme> found = find(id, version);
        if (found.isEmpty()) return notFound(id, version);
        Scheme scheme = found.get();
        boolean english = ConsolePages.english(locale);
        ModelAndView page = schemePage("console/scheme", scheme, locale);
        page.addObject("settings", settings(scheme));
        page.addObject(
                "indicators",
                scheme.indicators().stream().map(i -> indicator(i, english)).toList());
        page.addObject(
                "events",
                scheme.events().values().stream()
                        .map(e -> event(e, scheme, english))
                        .toList());
        return page;
    }

    /** One input of the simulator: its field as the API names it in a request and in a refusal, e.g. {@code values.x}. */
    record InputField(
            String field,
            String labelZh,
            String labelEn,
            String unit,
            String min,
            String max,
            String step,
            String value) {}

    /** An indicator's inputs in the simulator. */
    record SimulatedIndicator(String id, String nameZh, String nameEn, String maxPoints, List<InputField> inputs) {}

    /** An event type in the simulator: how many occurrences, and the points of each when they are decided case by case. */
    record SimulatedEvent(
            String id, String nameZh, String nameEn, boolean ranged, String min, String max, String fixed) {}

    @GetMapping("/console/schemes/{id}/simulator")
    ModelAndView simulator(@PathVariable String id, @RequestParam(required = false) String version, Locale locale) {
        Optional<Scheme> found = find(id, version);
        if (found.isEmpty()) return notFound(id, version);
        Scheme scheme = found.get();
        ModelAndView page = schemePage("console/scheme-simulator", scheme, locale);
        SchemeView view = SchemeView.of(scheme);
        List<SimulatedIndicator> indicators = new ArrayList<>();
        for (SchemeView.IndicatorView iv : view.indicators()) {
            Indicator indicator = scheme.indicator(iv.id());
            List<InputField> inputs = new ArrayList<>();
            for (SchemeView.InputView input : iv.inputs()) {
                boolean own = input.id().equals(iv.id());
                inputs.add(new InputField(
                        "values." + input.id(),
                        input.nameZh(),
                        input.nameEn(),
                        input.unit(),
                        Numbers.plain(input.min()),
                        input.max() == null ? null : Numbers.plain(input.max()),
                        input.wholeNumber() ? "1" : "any",
                        Numbers.plain(own ? sample(indicator) : input.min())));
            }
            if (iv.scale() != null) {
                for (String rater : iv.raters()) {
                    inputs.add(new InputField(
                            "ratings." + rater + "." + iv.id(),
                            raterZh(rater),
                            raterEn(rater),
                            "score",
                            Numbers.plain(iv.scale().min()),
                            Numbers.plain(iv.scale().max()),
                            "any",
                            Numbers.plain(iv.scale().max())));
                }
            }
            if (indicator.kind() == IndicatorKind.RANK_RELATIVE) {
                inputs.add(new InputField(
                        "teamBest." + iv.id(),
                        "团队最佳值",
                        "the team's best value",
                        iv.unit(),
                        "0",
                        null,
                        indicator.unit().whole() ? "1" : "any",
                        Numbers.plain(sample(indicator))));
            }
            indicators.add(new SimulatedIndicator(
                    iv.id(), iv.nameZh(), iv.nameEn(), Numbers.plain(round2(iv.maxPoints())), inputs));
        }
        page.addObject("inputs", indicators);
        page.addObject(
                "simEvents",
                scheme.events().values().stream()
                        .map(e -> new SimulatedEvent(
                                e.id(),
                                e.nameZh(),
                                e.nameEn(),
                                !e.fixed(),
                                Numbers.plain(e.minPoints()),
                                Numbers.plain(e.maxPoints()),
                                signed(e.minPoints())))
                        .toList());
        page.addObject("gradeLabels", gradeLabels(ConsolePages.english(locale)));
        return page;
    }

    @GetMapping("/console/schemes/{id}/editor")
    ModelAndView editor(@PathVariable String id, @RequestParam(required = false) String version, Locale locale) {
        Optional<Scheme> found = find(id, version);
        if (found.isEmpty()) return notFound(id, version);
        ModelAndView page = schemePage("console/scheme-editor", found.get(), locale);
        page.addObject("document", found.get().document());
        return page;
    }

    /** One changed field of the diff, its values written for people. */
    record ChangeRow(String field, String from, String to) {}

    record ItemRow(String id, String nameZh, String nameEn, String weight) {}

    record ChangedRow(
            String id, String nameZh, String nameEn, String oldWeight, String newWeight, List<ChangeRow> changes) {}

    @GetMapping("/console/schemes/{id}/diff")
    ModelAndView diff(
            @PathVariable String id,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            Locale locale) {
        List<SchemeRegistry.Version> versions = registry.versions(id);
        if (versions.isEmpty()) return notFound(id, null);
        int newest = versions.get(versions.size() - 1).version();
        int toVersion = parse(to).orElse(newest);
        int fromVersion = parse(from)
                .orElse(versions.stream()
                        .mapToInt(SchemeRegistry.Version::version)
                        .filter(v -> v < toVersion)
                        .max()
                        .orElse(toVersion));
        Optional<Scheme> a = registry.find(id, fromVersion);
        Optional<Scheme> b = registry.find(id, toVersion);
        if (a.isEmpty()) return notFound(id, String.valueOf(fromVersion));
        if (b.isEmpty()) return notFound(id, String.valueOf(toVersion));
        ModelAndView page = schemePage("console/scheme-diff", b.get(), locale);
        SchemeDiff diff = SchemeDiff.between(SchemeView.of(a.get()), SchemeView.of(b.get()), json);
        page.addObject("from", fromVersion);
        page.addObject("to", toVersion);
        page.addObject("schemeChanges", changes(diff.scheme()));
        page.addObject("added", items(diff.added()));
        page.addObject("removed", items(diff.removed()));
        page.addObject(
                "changed",
                diff.changed().stream()
                        .map(c -> new ChangedRow(
                                c.id(),
                                c.nameZh(),
                                c.nameEn(),
                                Numbers.plain(c.oldWeight()),
                                Numbers.plain(c.newWeight()),
                                changes(c.changes())))
                        .toList());
        page.addObject("eventsAdded", items(diff.eventsAdded()));
        page.addObject("eventsRemoved", items(diff.eventsRemoved()));
        page.addObject(
                "eventsChanged",
                diff.eventsChanged().stream()
                        .map(c -> new ChangedRow(c.id(), c.nameZh(), c.nameEn(), null, null, changes(c.changes())))
                        .toList());
        page.addObject(
                "same",
                diff.scheme().isEmpty()
                        && diff.added().isEmpty()
                        && diff.removed().isEmpty()
                        && diff.changed().isEmpty()
                        && diff.eventsAdded().isEmpty()
                        && diff.eventsRemoved().isEmpty()
                        && diff.eventsChanged().isEmpty());
        return page;
    }

    /** What every scheme page has: the visitor, the scheme's names and version, and its versions. */
    private ModelAndView schemePage(String template, Scheme scheme, Locale locale) {
        ModelAndView page = new ModelAndView(template);
        page.addObject("visitor", pages.visitor(locale));
        page.addObject("scheme", scheme);
        int inForce = registry.find(scheme.id(), null).map(Scheme::version).orElse(-1);
        page.addObject("inForce", inForce);
        page.addObject(
                "versions",
                registry.versions(scheme.id()).stream()
                        .map(v -> new VersionRow(
                                v.version(),
                                v.effectiveFrom(),
                                v.publishedBy(),
                                v.publishedAt(),
                                v.contentHash().substring(0, 12),
                                v.version() == inForce,
                                v.version() == scheme.version()))
                        .toList());
        return page;
    }

    private Optional<Scheme> find(String id, String version) {
        if (version != null && !VERSION.matcher(version).matches()) return Optional.empty();
        return registry.find(id, version == null ? null : Integer.valueOf(version));
    }

    private static Optional<Integer> parse(String version) {
        return version != null && VERSION.matcher(version).matches()
                ? Optional.of(Integer.valueOf(version))
                : Optional.empty();
    }

    private static ModelAndView notFound(String id, String version) {
        return ConsolePages.message(
                HttpStatus.NOT_FOUND, "console.schemes.notFound", version == null ? id : id + " v" + version);
    }

    private static Settings settings(Scheme scheme) {
        List<GradeRow> grades = new ArrayList<>();
        Map<Grade, Double> bounds = scheme.gradeScale().lowerBounds();
        for (Grade grade : Grade.values()) {
            Double bound = bounds.get(grade);
            Double quota = scheme.quota().percent().get(grade);
            grades.add(new GradeRow(
                    grade.name(),
                    grade.labelZh(),
                    grade.labelEn(),
                    bound == null ? "—" : "≥ " + Numbers.plain(bound),
                    quota == null ? "—" : Numbers.plain(quota) + "%"));
        }
        List<String> raters = new ArrayList<>();
        scheme.raterWeights().forEach((rater, weight) -> raters.add(rater + " " + Numbers.plain(weight) + "%"));
        return new Settings(
                String.join(" · ", raters),
                Numbers.plain(scheme.bonusCap()),
                Numbers.plain(scheme.declaredWeightSum()),
                scheme.normalised(),
                grades,
                scheme.source(),
                scheme.description(),
                scheme.notes());
    }

    private static IndicatorRow indicator(Indicator i, boolean english) {
        Indicator.Penalty penalty = i.penalty();
        return new IndicatorRow(
                i.id(),
                i.nameZh(),
                i.nameEn(),
                i.categoryZh(),
                i.categoryEn(),
                Numbers.plain(i.weight()),
                i.maxPoints() == i.weight() ? null : Numbers.plain(round2(i.maxPoints())),
                i.kind().id(),
                i.unit().id(),
                i.ruleText(),
                i.seed(),
                i.brackets() == null ? List.of() : brackets(i.brackets().brackets(), i.bracketsDeduct(), english),
                penalty == null ? null : penalty.ruleText(),
                penalty == null || penalty.brackets() == null
                        ? List.of()
                        : brackets(penalty.brackets().brackets(), true, english),
                i.raters() == null ? null : String.join(", ", i.raters()));
    }

    private static List<BracketRow> brackets(List<Bracket> rows, boolean deduct, boolean english) {
        return rows.stream()
                .map(b -> new BracketRow(
                        b.range().toString(),
                        words(b.range(), english),
                        deduct && b.amount() > 0 ? "−" + Numbers.plain(b.amount()) : Numbers.plain(b.amount()),
                        b.seed()))
                .toList();
    }

    /** The interval's words in one language: {@link Interval#words()} gives "中文 / English". */
    private static String words(Interval range, boolean english) {
        String[] both = range.words().split(" / ", 2);
        return english && both.length == 2 ? both[1] : both[0];
    }

    /** An event, with the name of the indicator it deducts from (null: it adjusts the total). */
    private static EventRow event(EventType e, Scheme scheme, boolean english) {
        String points = e.fixed() ? signed(e.minPoints()) : signed(e.minPoints()) + " … " + signed(e.maxPoints());
        Indicator target = e.indicatorId() == null ? null : scheme.indicator(e.indicatorId());
        String indicator = target == null ? e.indicatorId() : english ? target.nameEn() : target.nameZh();
        return new EventRow(e.id(), e.nameZh(), e.nameEn(), points, indicator, e.seed());
    }

    private static String signed(double points) {
        return points > 0 ? "+" + Numbers.plain(points) : points < 0 ? "−" + Numbers.plain(-points) : "0";
    }

    /**
     * A starting value for the simulator: one that earns the indicator's full points where the scheme says which (the
     * best bracket row, the target, the threshold), so that each change the user makes shows what it costs.
     */
    static double sample(Indicator i) {
        if (i.brackets() != null) {
            Bracket best = null;
            for (Bracket b : i.brackets().brackets()) {
                boolean better =
                        best == null || (i.bracketsDeduct() ? b.amount() < best.amount() : b.amount() > best.amount());
                if (better) best = b;
            }
            return inside(best.range(), i.unit().whole());
        }
        return switch (i.kind()) {
            case RATIO_TO_TARGET, LOWER_IS_BETTER ->
                i.target() == null ? i.unit().min() : i.target();
            case RATE -> 100;
            case THRESHOLD -> {
                Indicator.Threshold t = i.threshold();
                double step = i.unit().whole() ? 1 : 0.5;
                double v = switch (t.operator()) {
                    case ">" -> t.value() + step;
                    case "<" -> t.value() - step;
                    default -> t.value();
                };
                yield Math.min(Math.max(v, i.unit().min()), i.unit().max());
            }
            case RANK_RELATIVE -> 10;
            default -> i.unit().min();
        };
    }

    /** A value inside the interval: its lower end when included, else its upper end, else a point between. */
    private static double inside(Interval r, boolean whole) {
        if (r.lowerInclusive()) return r.lower();
        if (r.upperInclusive() && Double.isFinite(r.upper())) return r.upper();
        if (Double.isInfinite(r.upper())) return whole ? Math.floor(r.lower()) + 1 : r.lower() + 1;
        return (r.lower() + r.upper()) / 2;
    }

    private static String raterZh(String rater) {
        return switch (rater) {
            case "self" -> "自评";
            case "supervisor" -> "主管评分";
            case "group" -> "相关部门评分";
            default -> rater + " 评分";
        };
    }

    private static String raterEn(String rater) {
        return switch (rater) {
            case "self" -> "self";
            case "supervisor" -> "supervisor";
            case "group" -> "related departments";
            default -> rater;
        };
    }

    private static Map<String, String> gradeLabels(boolean english) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Grade grade : Grade.values()) labels.put(grade.name(), english ? grade.labelEn() : grade.labelZh());
        return labels;
    }

    private List<ChangeRow> changes(List<SchemeDiff.Change> changes) {
        return changes.stream()
                .map(c -> new ChangeRow(c.field(), display(c.from()), display(c.to())))
                .toList();
    }

    private static List<ItemRow> items(List<SchemeDiff.Item> items) {
        return items.stream()
                .map(i -> new ItemRow(
                        i.id(), i.nameZh(), i.nameEn(), i.weight() == null ? null : Numbers.plain(i.weight())))
                .toList();
    }

    /** A changed value for people: bracket tables one row a line ({@code (0, 0.4] → 2 (0~0.4%)}), numbers plain, the rest JSON. */
    private String display(Object value) {
        if (value == null) return "—";
        if (value instanceof Number n) return Numbers.plain(n.doubleValue());
        if (value instanceof String s) return s;
        if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(SchemesPage::isBracket)) {
            List<String> lines = new ArrayList<>();
            for (Object row : list) {
                Map<?, ?> m = (Map<?, ?>) row;
                Object deduct = m.get("deduct");
                Object amount = deduct instanceof Number n && n.doubleValue() > 0
                        ? "−" + plain(deduct)
                        : plain(deduct == null ? m.get("points") : deduct);
                Object seed = m.get("seed");
                lines.add(m.get("range") + " → " + amount + (seed == null || "".equals(seed) ? "" : "（" + seed + "）"));
            }
            return String.join("\n", lines);
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private static boolean isBracket(Object row) {
        return row instanceof Map<?, ?> m && m.containsKey("range");
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String plain(Object number) {
        return number instanceof Number n ? Numbers.plain(n.doubleValue()) : String.valueOf(number);
    }
}

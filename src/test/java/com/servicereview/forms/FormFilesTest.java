package com.servicereview.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Static checks of the Camunda Forms in {@code processes/forms}. Camunda 7.24's Tasklist renders them
 * with the form-js 1.8.7 viewer bundled in {@code camunda-webapp-webjar} (schemaVersion 16), so only
 * that version's components are allowed. The forms submit exactly the variables listed in
 * {@link #SUBMITS}.
 *
 * <p>No form may contain a {@code dynamiclist}: Tasklist 7.24 disables Complete whenever form-js's
 * error object has any key, and form-js 1.8.7 leaves an empty entry there for every field inside a
 * dynamic list, so such a form can never be completed. Lists of items are fixed "slots" instead: slot
 * {@code K} shows the task variable {@code ratingK} (an object, absent when the slot is unused) and
 * submits {@code scoreK}; every component that uses a slot object is hidden while it is null.
 */
class FormFilesTest {

    static final Path FORMS = Path.of("processes", "forms");

    /** Component types registered by the bundled form-js 1.8.7 viewer. */
    static final Set<String> SUPPORTED_TYPES = Set.of(
            "textfield",
            "textarea",
            "number",
            "datetime",
            "checkbox",
            "checklist",
            "radio",
            "select",
            "taglist",
            "expression",
            "text",
            "html",
            "image",
            "table",
            "iframe",
            "separator",
            "spacer",
            "button",
            "group",
            "dynamiclist");

    /** Types whose value the form submits and the user enters. */
    static final Set<String> INPUT_TYPES = Set.of(
            "textfield", "textarea", "number", "datetime", "checkbox", "checklist", "radio", "select", "taglist");

    /** Slots of decide-appeal (corrections), supply-data (missing data), the rating forms and calibrate (overrides). */
    static final int CORRECTION_SLOTS = 12, MISSING_SLOTS = 10, RATING_SLOTS = 6, OVERRIDE_SLOTS = 5;

    /**
     * Inputs that may be left empty (every other textarea and number must be required, and every radio
     * and select that has no entry here).
     */
    static final Set<String> OPTIONAL =
            union(slots("corrected%d", CORRECTION_SLOTS), slots("override%dEmployee", OVERRIDE_SLOTS));

    static final String GRADES = "[OUTSTANDING,EXCELLENT,MEDIUM,NEEDS_IMPROVEMENT,URGENT_IMPROVEMENT]";

    /**
     * What each form submits: input bindings, and in brackets the values of its radio groups and selects
     * (a select whose options come from a variable, {@code valuesKey}, has no brackets).
     */
    static final Map<String, Set<String>> SUBMITS = Map.ofEntries(
            Map.entry(
                    "start-review",
                    Set.of(
                            "employeeId",
                            "period",
                            "schemeId[cs-staff-monthly,online-cs-monthly,ecommerce-cs-2024,"
                                    + "after-sales-standard,after-sales-team,cs-manager,call-center-manager]")),
            Map.entry("supply-data", union(slots("value%d", MISSING_SLOTS), Set.of("dataSource"))),
            Map.entry("self-review", union(slots("score%d", RATING_SLOTS), Set.of("selfComment"))),
            Map.entry(
                    "supervisor-review",
                    union(slots("score%d", RATING_SLOTS), Set.of("supervisorComment", "gapExplanation"))),
            Map.entry("group-review", union(slots("score%d", RATING_SLOTS), Set.of("groupComment"))),
            Map.entry("indirect-review", Set.of("indirectDecision[approve,send-back]", "indirectReason")),
            Map.entry(
                    "interview",
                    Set.of(
                            "interviewDate",
                            "interviewStrengths",
                            "interviewProblems",
                            "interviewPlan",
                            "interviewEmployeeView",
                            "interviewActions",
                            "supportingFacts")),
            Map.entry("acknowledge-result", Set.of("ackDecision[acknowledge,appeal]", "appealFacts")),
            Map.entry("coordinate-appeal", Set.of("coordinationOutcome[resolved,escalate]", "coordinationNote")),
            Map.entry(
                    "decide-appeal",
                    union(
                            Set.of("appealDecision[uphold,reject]", "appealDecisionReason"),
                            slots("corrected%d", CORRECTION_SLOTS))),
            Map.entry(
                    "rectification-plan",
                    Set.of("rectificationCauses", "rectificationPlan", "rectificationTargetDate")),
            Map.entry(
                    "cycle-start",
                    Set.of(
                            "unitId",
                            "period",
                            "schemeId[cs-staff-monthly,online-cs-monthly,"
                                    + "ecommerce-cs-2024,after-sales-standard,after-sales-team]")),
            Map.entry(
                    "calibrate",
                    union(
                            slots("override%dEmployee", OVERRIDE_SLOTS),
                            slots("override%dGrade" + GRADES, OVERRIDE_SLOTS),
                            slots("override%dReason", OVERRIDE_SLOTS),
                            slots("override%dFacts", OVERRIDE_SLOTS),
                            Set.of("acceptOverQuota"))));

    static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    static final Pattern LATIN = Pattern.compile("[A-Za-z]");
    static final Pattern TEMPLATE = Pattern.compile("\\{\\{.*?}}");
    /** A slot variable used in a template or an expression: {@code {{rating3.label}}}, {@code =rating3.min}. */
    static final Pattern SLOT_USE = Pattern.compile("(?:\\{\\{\\s*|=)([A-Za-z]\\w*?\\d+)\\.");

    final ObjectMapper json = new ObjectMapper();

    static Stream<Path> forms() throws IOException {
        try (Stream<Path> files = Files.list(FORMS)) {
            return files.filter(f -> f.toString().endsWith(".form")).sorted().toList().stream();
        }
    }

    @Test
    void everyUserTaskHasItsForm() throws IOException {
        Set<String> names = new TreeSet<>();
        forms().forEach(f -> names.add(name(f)));
        assertThat(names).isEqualTo(new TreeSet<>(SUBMITS.keySet()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void noFormHasADynamicList(Path file) throws IOException {
        List<String> lists = new ArrayList<>();
        json.readTree(file.toFile()).findParents("type").forEach(c -> {
            if (c.path("type").asText().equals("dynamiclist"))
                lists.add(c.path("id").asText());
        });
        assertThat(lists)
                .as("dynamic lists in %s (Tasklist 7.24 cannot complete a form with one)", file)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void formIsValidForTheBundledFormJs(Path file) throws IOException {
        JsonNode form = json.readTree(file.toFile());
        String name = name(file);

        assertThat(form.path("id").asText()).as("id").isEqualTo(name);
        assertThat(form.path("type").asText()).as("type").isEqualTo("default");
        assertThat(form.path("schemaVersion").asInt())
                .as("schemaVersion of form-js 1.8.7")
                .isEqualTo(16);
        assertThat(form.path("executionPlatform").asText()).isEqualTo("Camunda Platform");
        assertThat(form.path("executionPlatformVersion").asText()).isEqualTo("7.24.0");

        JsonNode components = form.path("components");
        assertThat(components.size()).as("components").isGreaterThan(2);
        JsonNode header = components.get(0);
        assertThat(header.path("type").asText())
                .as("first component: the header text")
                .isEqualTo("text");
        if (!Set.of("start-review", "cycle-start", "calibrate", "rectification-plan")
                .contains(name)) {
            // Task forms say whose review it is; the start form has no review yet.
            assertThat(header.path("text").asText())
                    .as("header")
                    .contains("{{employeeName}}", "{{period}}", "{{schemeName}}");
        }
        assertThat(components.get(1).path("text").asText())
                .as("second component: the instructions")
                .contains("填写说明 / Instructions");

        Set<String> ids = new HashSet<>();
        Set<String> submits = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        check(components, "", "", ids, submits, problems);
        assertThat(problems).as("problems in " + file).isEmpty();
        assertThat(submits).as("what " + name + " submits").isEqualTo(new TreeSet<>(SUBMITS.get(name)));
    }

    /**
     * @param hiddenBy the hide conditions of the enclosing groups: a component is hidden when its own
     *                 condition or one of these holds
     */
    private void check(
            JsonNode components,
            String scope,
            String hiddenBy,
            Set<String> ids,
            Set<String> submits,
            List<String> problems) {
        for (JsonNode c : components) {
            String type = c.path("type").asText();
            String id = c.path("id").asText();
            String where = id.isEmpty() ? type : id;
            if (!SUPPORTED_TYPES.contains(type)) problems.add(where + ": type '" + type + "' is not in form-js 1.8.7");
            if (type.equals("dynamiclist"))
                problems.add(where + ": no dynamic lists (Tasklist 7.24 cannot complete the form)");
            if (id.isEmpty() || !ids.add(id)) problems.add(where + ": missing or duplicate id");

            JsonNode hide = c.path("conditional").path("hide");
            if (!hide.isMissingNode() && !hide.asText().startsWith("="))
                problems.add(where + ": conditional.hide must be a FEEL expression starting with '='");
            String hidden = hiddenBy + " " + hide.asText();
            // An unused slot's variable is absent: whatever shows it must be hidden then.
            for (String used : slotVariables(c)) {
                if (!Pattern.compile("\\b" + used + " = null\\b")
                        .matcher(hidden)
                        .find())
                    problems.add(
                            where + ": uses the slot variable " + used + " but is not hidden when " + used + " = null");
            }

            if (INPUT_TYPES.contains(type)) {
                String key = c.path("key").asText();
                if (key.isBlank()) problems.add(where + ": input without key");
                String binding = scope + key;
                String label = type.equals("datetime")
                        ? c.path("dateLabel").asText()
                        : c.path("label").asText();
                bilingual(where + " label", label, problems);
                boolean required = c.path("validate").path("required").asBoolean(false);
                if ((type.equals("textarea") || type.equals("number")) && !required && !OPTIONAL.contains(binding))
                    problems.add(where + ": " + type + " must have validate.required");
                if (type.equals("textarea")
                        && c.path("validate").path("maxLength").asInt(0) <= 0)
                    problems.add(where + ": textarea needs validate.maxLength (String variables hold 4000 characters)");
                for (String bound : List.of("min", "max")) {
                    JsonNode v = c.path("validate").path(bound);
                    if (!v.isMissingNode() && !v.isNumber() && !v.asText().startsWith("="))
                        problems.add(where + ": validate." + bound + " must be a number or a FEEL expression");
                }
                if (type.equals("radio") || type.equals("select")) {
                    List<String> values = new ArrayList<>();
                    c.path("values").forEach(v -> {
                        values.add(v.path("value").asText());
                        bilingual(
                                where + " option " + v.path("value").asText(),
                                v.path("label").asText(),
                                problems);
                    });
                    if (!required && !OPTIONAL.contains(binding)) problems.add(where + ": a decision must be required");
                    boolean fromVariable = !c.path("valuesKey").asText().isBlank();
                    if (values.isEmpty() == !fromVariable)
                        problems.add(where + ": options need either values or valuesKey");
                    if (!fromVariable) binding += "[" + String.join(",", values) + "]";
                }
                submits.add(binding);
            } else if (type.equals("expression")) {
                if (c.path("key").asText().isBlank()) problems.add(where + ": expression without key");
                if (!c.path("expression").asText().startsWith("="))
                    problems.add(where + ": expression must start with '='");
                submits.add(scope + c.path("key").asText());
            } else if (type.equals("text")) {
                String text = c.path("text").asText();
                if (text.isBlank()) problems.add(where + ": empty text");
                if (count(text, "{{") != count(text, "}}")) problems.add(where + ": unbalanced {{ }}");
            } else if (type.equals("table")) {
                bilingual(where + " label", c.path("label").asText(), problems);
                if (!c.path("dataSource").asText().startsWith("="))
                    problems.add(where + ": dataSource must be '=variable'");
                if (c.path("columns").isEmpty()) problems.add(where + ": table without columns");
                c.path("columns").forEach(col -> {
                    bilingual(
                            where + " column " + col.path("key").asText(),
                            col.path("label").asText(),
                            problems);
                    if (col.path("key").asText().isBlank()) problems.add(where + ": column without key");
                });
            } else if (type.equals("group")) {
                if (c.hasNonNull("label"))
                    bilingual(where + " label", c.path("label").asText(), problems);
                String path = c.path("path").asText();
                check(
                        c.path("components"),
                        path.isBlank() ? scope : scope + path + ".",
                        hidden,
                        ids,
                        submits,
                        problems);
            }
        }
    }

    /** The slot variables a component uses in its text, label, description or validation bounds. */
    private static Set<String> slotVariables(JsonNode c) {
        Set<String> used = new TreeSet<>();
        for (JsonNode value : List.of(
                c.path("text"),
                c.path("label"),
                c.path("description"),
                c.path("validate").path("min"),
                c.path("validate").path("max"))) {
            var m = SLOT_USE.matcher(value.asText());
            while (m.find()) used.add(m.group(1));
        }
        return used;
    }

    /**
     * Labels are bilingual in their own words; a label made only of {@code {{…}}} templates (and
     * punctuation) shows the bilingual label of a slot variable.
     */
    private static void bilingual(String what, String label, List<String> problems) {
        String words = TEMPLATE.matcher(label).replaceAll(" ");
        if (!words.equals(label)
                && !HAN.matcher(words).find()
                && !LATIN.matcher(words).find()) return;
        if (!HAN.matcher(words).find() || !LATIN.matcher(words).find())
            problems.add(what + ": '" + label + "' must be bilingual (中文 / English)");
    }

    /** {@code pattern} (with {@code %d}) for slots 1..n. */
    private static Set<String> slots(String pattern, int n) {
        Set<String> names = new TreeSet<>();
        for (int k = 1; k <= n; k++) names.add(pattern.formatted(k));
        return names;
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new TreeSet<>();
        for (Set<String> set : sets) all.addAll(set);
        return all;
    }

    private static int count(String text, String token) {
        int n = 0;
        for (int i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + token.length())) n++;
        return n;
    }

    private static String name(Path file) {
        String f = file.getFileName().toString();
        return f.substring(0, f.length() - ".form".length());
    }
}

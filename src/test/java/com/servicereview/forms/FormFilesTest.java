package com.servicereview.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Static checks of the Camunda Forms in {@code processes/forms}. Camunda 7.24's Tasklist renders them
 * with the form-js 1.8.7 viewer bundled in {@code camunda-webapp-webjar} (schemaVersion 16), so only
 * that version's components are allowed. The forms submit exactly the variables listed in
 * {@link #SUBMITS}; rows of a dynamic list are written {@code list[].field}.
 */
class FormFilesTest {

    static final Path FORMS = Path.of("processes", "forms");

    /** Component types registered by the bundled form-js 1.8.7 viewer. */
    static final Set<String> SUPPORTED_TYPES = Set.of(
            "textfield", "textarea", "number", "datetime", "checkbox", "checklist", "radio", "select", "taglist",
            "expression", "text", "html", "image", "table", "iframe", "separator", "spacer", "button",
            "group", "dynamiclist");

    /** Types whose value the form submits and the user enters. */
    static final Set<String> INPUT_TYPES = Set.of(
            "textfield", "textarea", "number", "datetime", "checkbox", "checklist", "radio", "select", "taglist");

    /** Inputs that may be left empty (every other textarea and number must be required). */
    static final Set<String> OPTIONAL = Set.of("correctionItems[].corrected");

    /** What each form submits: input bindings, and in brackets the values of its radio groups. */
    static final Map<String, Set<String>> SUBMITS = Map.of(
            "start-review", Set.of("employeeId", "period", "schemeId[cs-staff-monthly,online-cs-monthly,ecommerce-cs-2024,"
                    + "after-sales-standard,after-sales-team,cs-manager,call-center-manager]"),
            "supply-data", Set.of("missingItems[].key", "missingItems[].value", "dataSource"),
            "self-review", Set.of("ratingItems[].id", "ratingItems[].score", "selfComment"),
            "supervisor-review", Set.of("ratingItems[].id", "ratingItems[].score", "supervisorComment", "gapExplanation"),
            "group-review", Set.of("ratingItems[].id", "ratingItems[].score", "groupComment"),
            "indirect-review", Set.of("indirectDecision[approve,send-back]", "indirectReason"),
            "interview", Set.of("interviewDate", "interviewStrengths", "interviewProblems", "interviewPlan",
                    "interviewEmployeeView", "interviewActions", "supportingFacts"),
            "acknowledge-result", Set.of("ackDecision[acknowledge,appeal]", "appealFacts"),
            "coordinate-appeal", Set.of("coordinationOutcome[resolved,escalate]", "coordinationNote"),
            "decide-appeal", Set.of("appealDecision[uphold,reject]", "appealDecisionReason",
                    "correctionItems[].key", "correctionItems[].corrected"));

    static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    static final Pattern LATIN = Pattern.compile("[A-Za-z]");

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
    void formIsValidForTheBundledFormJs(Path file) throws IOException {
        JsonNode form = json.readTree(file.toFile());
        String name = name(file);

        assertThat(form.path("id").asText()).as("id").isEqualTo(name);
        assertThat(form.path("type").asText()).as("type").isEqualTo("default");
        assertThat(form.path("schemaVersion").asInt()).as("schemaVersion of form-js 1.8.7").isEqualTo(16);
        assertThat(form.path("executionPlatform").asText()).isEqualTo("Camunda Platform");
        assertThat(form.path("executionPlatformVersion").asText()).isEqualTo("7.24.0");

        JsonNode components = form.path("components");
        assertThat(components.size()).as("components").isGreaterThan(2);
        JsonNode header = components.get(0);
        assertThat(header.path("type").asText()).as("first component: the header text").isEqualTo("text");
        if (!name.equals("start-review")) {
            // Task forms say whose review it is; the start form has no review yet.
            assertThat(header.path("text").asText()).as("header")
                    .contains("{{employeeName}}", "{{periodLabel}}", "{{schemeName}}");
        }
        assertThat(components.get(1).path("text").asText()).as("second component: the instructions")
                .contains("填写说明 / Instructions");

        Set<String> ids = new HashSet<>();
        Set<String> submits = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        check(components, "", ids, submits, problems);
        assertThat(problems).as("problems in " + file).isEmpty();
        assertThat(submits).as("what " + name + " submits").isEqualTo(new TreeSet<>(SUBMITS.get(name)));
    }

    private void check(JsonNode components, String scope, Set<String> ids, Set<String> submits, List<String> problems) {
        for (JsonNode c : components) {
            String type = c.path("type").asText();
            String id = c.path("id").asText();
            String where = id.isEmpty() ? type : id;
            if (!SUPPORTED_TYPES.contains(type)) problems.add(where + ": type '" + type + "' is not in form-js 1.8.7");
            if (id.isEmpty() || !ids.add(id)) problems.add(where + ": missing or duplicate id");

            JsonNode hide = c.path("conditional").path("hide");
            if (!hide.isMissingNode() && !hide.asText().startsWith("="))
                problems.add(where + ": conditional.hide must be a FEEL expression starting with '='");

            if (INPUT_TYPES.contains(type)) {
                String key = c.path("key").asText();
                if (key.isBlank()) problems.add(where + ": input without key");
                String binding = scope + key;
                String label = type.equals("datetime") ? c.path("dateLabel").asText() : c.path("label").asText();
                bilingual(where + " label", label, problems);
                boolean required = c.path("validate").path("required").asBoolean(false);
                if ((type.equals("textarea") || type.equals("number")) && !required && !OPTIONAL.contains(binding))
                    problems.add(where + ": " + type + " must have validate.required");
                if (type.equals("textarea") && c.path("validate").path("maxLength").asInt(0) <= 0)
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
                        bilingual(where + " option " + v.path("value").asText(), v.path("label").asText(), problems);
                    });
                    if (!required) problems.add(where + ": a decision must be required");
                    binding += "[" + String.join(",", values) + "]";
                }
                submits.add(binding);
            } else if (type.equals("expression")) {
                if (c.path("key").asText().isBlank()) problems.add(where + ": expression without key");
                if (!c.path("expression").asText().startsWith("=")) problems.add(where + ": expression must start with '='");
                submits.add(scope + c.path("key").asText());
            } else if (type.equals("text")) {
                String text = c.path("text").asText();
                if (text.isBlank()) problems.add(where + ": empty text");
                if (count(text, "{{") != count(text, "}}")) problems.add(where + ": unbalanced {{ }}");
            } else if (type.equals("table")) {
                bilingual(where + " label", c.path("label").asText(), problems);
                if (!c.path("dataSource").asText().startsWith("=")) problems.add(where + ": dataSource must be '=variable'");
                if (c.path("columns").isEmpty()) problems.add(where + ": table without columns");
                c.path("columns").forEach(col -> {
                    bilingual(where + " column " + col.path("key").asText(), col.path("label").asText(), problems);
                    if (col.path("key").asText().isBlank()) problems.add(where + ": column without key");
                });
            } else if (type.equals("dynamiclist")) {
                String path = c.path("path").asText();
                if (path.isBlank()) problems.add(where + ": dynamic list without path");
                bilingual(where + " label", c.path("label").asText(), problems);
                if (!c.path("isRepeating").asBoolean(false)) problems.add(where + ": isRepeating must be true");
                if (c.path("allowAddRemove").asBoolean(true)) problems.add(where + ": rows are fixed (allowAddRemove false)");
                // form-js 1.8.7 neither validates nor submits the rows of a collapsed list
                if (!c.path("disableCollapse").asBoolean(false)) problems.add(where + ": disableCollapse must be true");
                boolean keepsRowId = false;
                for (JsonNode child : c.path("components"))
                    keepsRowId |= child.path("type").asText().equals("expression")
                            && child.path("expression").asText().equals("=this." + child.path("key").asText());
                if (!keepsRowId) problems.add(where + ": rows must keep their identifier (expression '=this.<key>')");
                check(c.path("components"), scope + path + "[].", ids, submits, problems);
            } else if (type.equals("group")) {
                if (c.hasNonNull("label")) bilingual(where + " label", c.path("label").asText(), problems);
                String path = c.path("path").asText();
                check(c.path("components"), path.isBlank() ? scope : scope + path + ".", ids, submits, problems);
            }
        }
    }

    private static void bilingual(String what, String label, List<String> problems) {
        if (!HAN.matcher(label).find() || !LATIN.matcher(label).find())
            problems.add(what + ": '" + label + "' must be bilingual (中文 / English)");
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

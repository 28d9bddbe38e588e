package com.servicereview.schemes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.servicereview.scoring.ForcedDistribution;
import com.servicereview.scoring.Scheme;
import com.servicereview.scoring.SchemeParser;
import com.servicereview.scoring.SchemeValidationException;
import com.servicereview.scoring.ScoreInput;
import com.servicereview.scoring.ScoreResult;
import com.servicereview.scoring.Scorer;
import com.servicereview.security.CurrentUser;
import com.servicereview.web.ApiErrors;
import com.servicereview.web.BadRequestException;
import com.servicereview.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The schemes and their versions, publishing by HR, what-if scoring for HR and the scoring API for other systems. */
@RestController
@RequestMapping("/api/schemes")
public class SchemeController {

    /** A scheme file is a few KB; the limit keeps validation of a hostile upload cheap (README, "Scoring API"). */
    private static final int MAX_DOCUMENT_BYTES = 256 * 1024;

    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,8}");

    private final SchemeRegistry registry;
    private final SchemePublisher publisher;
    private final ObjectMapper json;

    public SchemeController(SchemeRegistry registry, SchemePublisher publisher, ObjectMapper json) {
        this.registry = registry;
        this.publisher = publisher;
        this.json = json;
    }

    @GetMapping
    public List<SchemeView> list() {
        return registry.latest().stream().map(SchemeView::of).toList();
    }

    @GetMapping("/{id}")
    public SchemeView get(@PathVariable String id, @RequestParam(required = false) String version) {
        return SchemeView.of(scheme(id, version));
    }

    /**
     * HR or an administrator publishes a scheme document (YAML or JSON) as a new version: 201 when stored, 200 when this
     * exact version was already published, 400 with the problems {@code /validate} lists, 409 for a version that exists otherwise.
     */
    @PostMapping(
            consumes = {
                MediaType.TEXT_PLAIN_VALUE,
                MediaType.APPLICATION_JSON_VALUE,
                "application/yaml",
                "application/x-yaml",
                "text/yaml"
            })
    public ResponseEntity<SchemePublisher.Published> publish(
            @RequestParam(required = false) String effectiveFrom, HttpServletRequest request) throws IOException {
        // Only HR and administrators get here (security.AccessRules).
        SchemePublisher.Published published = publisher.publish(document(request), effectiveFrom, CurrentUser.id());
        return ResponseEntity.status(published.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(published);
    }

    @GetMapping("/{id}/versions")
    public List<SchemeRegistry.Version> versions(@PathVariable String id) {
        List<SchemeRegistry.Version> versions = registry.versions(id);
        if (versions.isEmpty()) throw new NotFoundException("id", "no scheme '" + id + "'");
        return versions;
    }

    /** The document exactly as published (what its content hash is taken of): the starting point of the next version. */
    @GetMapping("/{id}/document")
    public ResponseEntity<String> document(@PathVariable String id, @RequestParam(required = false) String version) {
        return ResponseEntity.ok()
                .contentType(new MediaType("application", "yaml", StandardCharsets.UTF_8))
                .body(scheme(id, version).document());
    }

    @GetMapping("/{id}/diff")
    public SchemeDiff diff(
            @PathVariable String id,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        if (from == null)
            throw new BadRequestException("from", "is required: the version to compare from, e.g. ?from=1&to=2");
        if (to == null)
            throw new BadRequestException("to", "is required: the version to compare to, e.g. ?from=1&to=2");
        return SchemeDiff.between(SchemeView.of(scheme(id, from, "from")), SchemeView.of(scheme(id, to, "to")), json);
    }

    @PostMapping("/{id}/evaluate")
    public ScoreResult evaluate(
            @PathVariable String id,
            @RequestParam(required = false) String version,
            @RequestBody(required = false) EvaluateRequest request) {
        Scheme scheme = scheme(id, version);
        if (request == null) throw new BadRequestException("body", "is required: {values, events, ratings, teamBest}");
        return Scorer.score(scheme, request.toInput());
    }

    @PostMapping("/{id}/distribute")
    public DistributionView distribute(@PathVariable String id, @RequestBody(required = false) List<Entry> entries) {
        Scheme scheme = scheme(id, null);
        if (entries == null) throw new BadRequestException("body", "is required: [{employeeId, total}, ...]");
        List<ForcedDistribution.EmployeeTotal> totals = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) == null) throw new BadRequestException("[" + i + "]", "must be {employeeId, total}");
            totals.add(entries.get(i).toTotal(i));
        }
        return new DistributionView(
                scheme.id(),
                scheme.version(),
                totals.size(),
                ForcedDistribution.distribute(totals, scheme.gradeScale(), scheme.quota()));
    }

    /** The body is read here, not by a converter, so that a document over the limit is never read whole. */
    @PostMapping(
            value = "/validate",
            consumes = {
                MediaType.TEXT_PLAIN_VALUE,
                MediaType.APPLICATION_JSON_VALUE,
                "application/yaml",
                "application/x-yaml",
                "text/yaml"
            })
    public ValidationView validate(HttpServletRequest request) throws IOException {
        try {
            Scheme scheme = SchemeParser.parse(document(request), "document");
            return new ValidationView(true, scheme.id(), scheme.version(), List.of());
        } catch (SchemeValidationException e) {
            return new ValidationView(false, null, null, e.problems());
        }
    }

    /** The body as text, never read past the limit. */
    private static String document(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_DOCUMENT_BYTES)
            throw new DocumentTooLargeException(request.getContentLengthLong());
        byte[] body = request.getInputStream().readNBytes(MAX_DOCUMENT_BYTES + 1);
        if (body.length > MAX_DOCUMENT_BYTES) throw new DocumentTooLargeException(-1);
        // Spring has checked the Content-Type (and so its charset) against consumes before this runs.
        Charset charset = request.getCharacterEncoding() == null
                ? StandardCharsets.UTF_8
                : Charset.forName(request.getCharacterEncoding());
        return new String(body, charset);
    }

    /** A document that is not a valid scheme: 400 naming the first field at fault, with every problem as /validate lists them. */
    @ExceptionHandler(SchemeValidationException.class)
    ResponseEntity<ProblemDetail> invalid(SchemeValidationException e) {
        SchemeValidationException.Problem first = e.problems().get(0);
        String field = first.indicator() == null
                ? first.field()
                : "indicators[" + first.indicator() + "]" + (first.field() == null ? "" : "." + first.field());
        ResponseEntity<ProblemDetail> response =
                ApiErrors.problem(HttpStatus.BAD_REQUEST, "invalid-scheme", field, e.getMessage());
        response.getBody().setProperty("problems", e.problems());
        return response;
    }

    /** Same body as every API error (ApiErrors), with 413. */
    @ExceptionHandler(DocumentTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(DocumentTooLargeException e) {
        return ApiErrors.problem(HttpStatus.PAYLOAD_TOO_LARGE, "too-large", "body", e.getMessage());
    }

    private Scheme scheme(String id, String versionText) {
        return scheme(id, versionText, "version");
    }

    private Scheme scheme(String id, String versionText, String parameter) {
        if (versionText != null && !VERSION.matcher(versionText).matches()) {
            throw new BadRequestException(parameter, "must be a whole number ≥ 1, e.g. ?" + parameter + "=2");
        }
        Integer version = versionText == null ? null : Integer.valueOf(versionText);
        return registry.find(id, version)
                .orElseThrow(() -> version != null && registry.find(id, null).isPresent()
                        ? new NotFoundException(parameter, "scheme '" + id + "' has no version " + version)
                        : new NotFoundException("id", "no scheme '" + id + "'"));
    }

    static final class DocumentTooLargeException extends RuntimeException {
        DocumentTooLargeException(long bytes) {
            super("a scheme document may be at most " + MAX_DOCUMENT_BYTES / 1024 + " KB (" + MAX_DOCUMENT_BYTES
                    + " bytes)" + (bytes < 0 ? "" : "; this one is " + bytes + " bytes"));
        }
    }

    public record EvaluateRequest(
            Map<String, Double> values,
            List<Event> events,
            Map<String, Map<String, Double>> ratings,
            Map<String, Double> teamBest) {

        /** {@code count} is read as a number, not an int, so that 1.5 is refused rather than truncated to 1. */
        public record Event(String type, Double count, Double points) {}

        ScoreInput toInput() {
            List<ScoreInput.EventOccurrence> occurrences = new ArrayList<>();
            for (int i = 0; events != null && i < events.size(); i++) {
                Event e = events.get(i);
                occurrences.add(
                        e == null ? null : new ScoreInput.EventOccurrence(e.type(), count(e.count(), i), e.points()));
            }
            return new ScoreInput(values, occurrences, ratings, teamBest);
        }

        private static int count(Double count, int index) {
            if (count == null) return 1;
            if (count != Math.rint(count) || count < 1 || count > Integer.MAX_VALUE) {
                throw new BadRequestException("events[" + index + "].count", "must be a whole number ≥ 1");
            }
            return count.intValue();
        }
    }

    /** One line of a distribution request; {@code total} is a wrapper so that a missing one is refused, not read as 0. */
    public record Entry(String employeeId, Double total) {
        ForcedDistribution.EmployeeTotal toTotal(int index) {
            if (total == null) throw new BadRequestException("[" + index + "].total", "is required");
            return new ForcedDistribution.EmployeeTotal(employeeId, total);
        }
    }

    public record DistributionView(
            String schemeId,
            int schemeVersion,
            int headcount,
            List<ForcedDistribution.Placement> placements,
            List<ForcedDistribution.Share> distribution) {
        DistributionView(String schemeId, int schemeVersion, int headcount, ForcedDistribution.Result result) {
            this(schemeId, schemeVersion, headcount, result.placements(), result.distribution());
        }
    }

    public record ValidationView(
            boolean valid, String schemeId, Integer version, List<SchemeValidationException.Problem> problems) {}
}

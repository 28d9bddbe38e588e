package com.servicereview.schemes;

import com.servicereview.scoring.ForcedDistribution;
import com.servicereview.scoring.Scheme;
import com.servicereview.scoring.SchemeParser;
import com.servicereview.scoring.SchemeValidationException;
import com.servicereview.scoring.ScoreInput;
import com.servicereview.scoring.ScoreResult;
import com.servicereview.scoring.Scorer;
import com.servicereview.web.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What-if scoring for HR and the scoring API for other systems. */
@RestController
@RequestMapping("/api/schemes")
public class SchemeController {

    private final SchemeRegistry registry;

    public SchemeController(SchemeRegistry registry) {
        this.registry = registry;
    }

    @GetMapping
    public List<SchemeView> list() {
        return registry.latest().stream().map(SchemeView::of).toList();
    }

    @GetMapping("/{id}")
    public SchemeView get(@PathVariable String id, @RequestParam(required = false) Integer version) {
        return SchemeView.of(scheme(id, version));
    }

    @PostMapping("/{id}/evaluate")
    public ScoreResult evaluate(@PathVariable String id, @RequestParam(required = false) Integer version,
                                @RequestBody EvaluateRequest request) {
        return Scorer.score(scheme(id, version), request.toInput());
    }

    @PostMapping("/{id}/distribute")
    public DistributionView distribute(@PathVariable String id, @RequestBody List<ForcedDistribution.EmployeeTotal> totals) {
        Scheme scheme = scheme(id, null);
        return new DistributionView(scheme.id(), scheme.version(), totals.size(),
                ForcedDistribution.distribute(totals, scheme.gradeScale(), scheme.quota()));
    }

    @PostMapping(value = "/validate", consumes = {MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_JSON_VALUE,
            "application/yaml", "application/x-yaml", "text/yaml"})
    public ValidationView validate(@RequestBody String document) {
        try {
            Scheme scheme = SchemeParser.parse(document, "document");
            return new ValidationView(true, scheme.id(), scheme.version(), List.of());
        } catch (SchemeValidationException e) {
            return new ValidationView(false, null, null, e.problems());
        }
    }

    private Scheme scheme(String id, Integer version) {
        return registry.find(id, version).orElseThrow(() -> new NotFoundException("id",
                "no scheme '" + id + "'" + (version == null ? "" : " version " + version)));
    }

    public record EvaluateRequest(Map<String, Double> values, List<Event> events,
                                  Map<String, Map<String, Double>> ratings, Map<String, Double> teamBest) {

        public record Event(String type, Integer count, Double points) {
        }

        ScoreInput toInput() {
            List<ScoreInput.EventOccurrence> occurrences = new ArrayList<>();
            if (events != null) {
                for (Event e : events) {
                    occurrences.add(e == null ? null : new ScoreInput.EventOccurrence(e.type(), e.count() == null ? 1 : e.count(), e.points()));
                }
            }
            return new ScoreInput(values, occurrences, ratings, teamBest);
        }
    }

    public record DistributionView(String schemeId, int schemeVersion, int headcount,
                                   List<ForcedDistribution.Placement> placements, List<ForcedDistribution.Share> distribution) {
        DistributionView(String schemeId, int schemeVersion, int headcount, ForcedDistribution.Result result) {
            this(schemeId, schemeVersion, headcount, result.placements(), result.distribution());
        }
    }

    public record ValidationView(boolean valid, String schemeId, Integer version, List<SchemeValidationException.Problem> problems) {
    }
}

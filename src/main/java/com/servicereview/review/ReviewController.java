package com.servicereview.review;

import static com.servicereview.review.EmployeeReviewProcess.Var;

import com.fasterxml.jackson.databind.JsonNode;
import com.servicereview.org.OrgAccess;
import com.servicereview.security.CurrentUser;
import com.servicereview.web.ForbiddenException;
import com.servicereview.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Starting a review, reading its result and archive, and HR's reassignment of its steps. */
@RestController
@RequestMapping("/api/reviews")
public class ReviewController {

    private final RuntimeService runtime;
    private final ReviewArchive archives;
    private final ReviewRepository repository;
    private final OrgAccess access;
    private final ReviewReassignment reassignment;

    public ReviewController(
            RuntimeService runtime,
            ReviewArchive archives,
            ReviewRepository repository,
            OrgAccess access,
            ReviewReassignment reassignment) {
        this.reassignment = reassignment;
        this.runtime = runtime;
        this.archives = archives;
        this.repository = repository;
        this.access = access;
    }

    /** What the start listener checks too (for Tasklist's start form), declared here so the API says it first. */
    public record StartRequest(
            @NotBlank(message = "必填 / is required") String employeeId,

            @NotNull(message = "必填 / is required")
            @Pattern(
                    regexp = "[0-9]{4}-(0[1-9]|1[0-2])",
                    message = "须为月份 YYYY-MM，例如 2026-10 / must be a month as YYYY-MM, e.g. 2026-10")
            String period,

            @NotBlank(message = "必填 / is required") String schemeId,
            String cycleId) {}

    public record Started(String reviewId, String processInstanceId) {}

    /** Starts employee-review; Camunda checks that the caller may (HR in the demo organisation). */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Started start(@Valid @RequestBody StartRequest request) {
        // The start listener checks the request (unknown employee, bad period, duplicate) and is answered as 400/409.
        String reviewId = ReviewService.reviewId(request.employeeId(), request.period(), request.schemeId());
        Map<String, Object> variables = new HashMap<>();
        variables.put(Var.EMPLOYEE_ID, request.employeeId());
        variables.put(Var.PERIOD, request.period());
        variables.put(Var.SCHEME_ID, request.schemeId());
        variables.put(Var.CYCLE_ID, request.cycleId());
        ProcessInstance instance = runtime.startProcessInstanceByKey(EmployeeReviewProcess.KEY, reviewId, variables);
        return new Started(reviewId, instance.getId());
    }

    @GetMapping("/{reviewId}")
    public Map<String, Object> get(@PathVariable String reviewId) {
        ReviewRepository.Review review = visible(reviewId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("review", review);
        JsonNode dossier = repository.dossier(reviewId);
        body.put("scores", dossier.path("scores"));
        body.put("decisions", dossier.path("decisions"));
        body.put("appeal", dossier.path("appeal"));
        body.put(
                "archiveHash",
                repository
                        .findArchive(reviewId)
                        .map(ReviewRepository.Archive::contentHash)
                        .orElse(null));
        return body;
    }

    /** The archived record, with its hash recomputed: {@code verified} is false if the stored document was altered. */
    @GetMapping("/{reviewId}/archive")
    public Map<String, Object> archive(@PathVariable String reviewId) {
        visible(reviewId);
        ReviewRepository.Archive archive = repository
                .findArchive(reviewId)
                .orElseThrow(() -> new NotFoundException("reviewId", "review " + reviewId + " is not archived yet"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reviewId", archive.reviewId());
        body.put("archivedAt", archive.archivedAt());
        body.put("contentHash", archive.contentHash());
        body.put("verified", archives.verifyArchive(archive));
        body.put("document", archive.document());
        return body;
    }

    /**
     * HR moves a step of a running review to someone else: {@code {"userId", "reason", "replaces"?}} ({@code replaces}
     * names the group reviewer handed over when the review has several).
     */
    @PutMapping("/{reviewId}/participants/{role}")
    public ReviewReassignment.Reassigned reassign(
            @PathVariable String reviewId,
            @PathVariable String role,
            @RequestBody(required = false) ReviewReassignment.Request body) {
        // Only HR and administrators get here (security.AccessRules).
        return reassignment.reassign(CurrentUser.id(), reviewId, role, body);
    }

    /** The employee, HR, administrators, and the line managers of the employee's unit or of the employee ({@link OrgAccess}). */
    private ReviewRepository.Review visible(String reviewId) {
        ReviewRepository.Review review = repository
                .find(reviewId)
                .orElseThrow(() -> new NotFoundException("reviewId", "no review '" + reviewId + "'"));
        if (!access.canSeeEmployee(CurrentUser.id(), review.employeeId()))
            throw new ForbiddenException("you may not read review " + reviewId);
        return review;
    }
}

package com.servicereview.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.servicereview.org.OrgAccess;
import com.servicereview.security.CurrentUser;
import com.servicereview.web.ForbiddenException;
import com.servicereview.web.NotFoundException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.servicereview.review.EmployeeReviewProcess.Var;

/** Starting a review and reading its result and archive. */
@RestController
@RequestMapping("/api/reviews")
public class ReviewController {

    private final RuntimeService runtime;
    private final ReviewService reviews;
    private final ReviewRepository repository;
    private final OrgAccess access;

    public ReviewController(RuntimeService runtime, ReviewService reviews, ReviewRepository repository, OrgAccess access) {
        this.runtime = runtime;
        this.reviews = reviews;
        this.repository = repository;
        this.access = access;
    }

    public record StartRequest(String employeeId, String period, String schemeId, String cycleId) {
    }

    public record Started(String reviewId, String processInstanceId) {
    }

    /** Starts employee-review; Camunda checks that the caller may (HR in the demo organisation). */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Started start(@RequestBody StartRequest request) {
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
        body.put("archiveHash", repository.findArchive(reviewId).map(ReviewRepository.Archive::contentHash).orElse(null));
        return body;
    }

    /** The archived record, with its hash recomputed: {@code verified} is false if the stored document was altered. */
    @GetMapping("/{reviewId}/archive")
    public Map<String, Object> archive(@PathVariable String reviewId) {
        visible(reviewId);
        ReviewRepository.Archive archive = repository.findArchive(reviewId)
                .orElseThrow(() -> new NotFoundException("reviewId", "review " + reviewId + " is not archived yet"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reviewId", archive.reviewId());
        body.put("archivedAt", archive.archivedAt());
        body.put("contentHash", archive.contentHash());
        body.put("verified", reviews.verifyArchive(archive));
        body.put("document", archive.document());
        return body;
    }

    /** The employee, HR, administrators, and the line managers of the employee's unit or of the employee ({@link OrgAccess}). */
    private ReviewRepository.Review visible(String reviewId) {
        ReviewRepository.Review review = repository.find(reviewId)
                .orElseThrow(() -> new NotFoundException("reviewId", "no review '" + reviewId + "'"));
        if (!access.canSeeEmployee(CurrentUser.id(), review.employeeId())) throw new ForbiddenException("you may not read review " + reviewId);
        return review;
    }
}

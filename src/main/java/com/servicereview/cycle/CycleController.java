package com.servicereview.cycle;

import static com.servicereview.cycle.ReviewCycleProcess.Var;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
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

/** Starting a review cycle and following it: members, eligibility, calibration. */
@RestController
@RequestMapping("/api/cycles")
public class CycleController {

    private final RuntimeService runtime;
    private final CycleAccess access;
    private final CycleService cycles;

    public CycleController(RuntimeService runtime, CycleAccess access, CycleService cycles) {
        this.runtime = runtime;
        this.access = access;
        this.cycles = cycles;
    }

    private static final String REQUIRED = "必填 / is required";

    public record StartRequest(
            @NotBlank(message = REQUIRED) String unitId,
            @NotBlank(message = REQUIRED) String period,
            @NotBlank(message = REQUIRED) String schemeId) {}

    public record Started(String cycleId, String processInstanceId) {}

    /** Starts review-cycle; Camunda checks that the caller may (HR in the demo organisation). */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Started start(@Valid @RequestBody StartRequest request) {
        String id = CycleService.cycleId(request.unitId(), request.period(), request.schemeId());
        // The start listener checks the request (unknown unit, bad period, duplicate) and is answered as 400/409.
        Map<String, Object> variables = new HashMap<>();
        variables.put(Var.UNIT_ID, request.unitId());
        variables.put(Var.PERIOD, request.period());
        variables.put(Var.SCHEME_ID, request.schemeId());
        ProcessInstance instance = runtime.startProcessInstanceByKey(ReviewCycleProcess.KEY, id, variables);
        return new Started(id, instance.getId());
    }

    /** HR, administrators and line managers may follow a cycle; its members see their own review instead. */
    @GetMapping("/{cycleId}")
    public Map<String, Object> get(@PathVariable String cycleId) {
        access.check(cycleId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cycle", cycles.cycle(cycleId));
        body.put("members", cycles.members(cycleId));
        body.put("calibration", cycles.calibrationRows(cycleId));
        return body;
    }
}

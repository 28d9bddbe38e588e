package com.servicereview.pay;

import com.servicereview.security.CurrentUser;
import com.servicereview.web.ApiErrors;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Pay inputs, computation and payroll export; HR ({@code hr}) only ({@code security.AccessRules}). See docs/pay.md. */
@RestController
public class PayController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final PayService pay;

    public PayController(PayService pay) {
        this.pay = pay;
    }

    @PutMapping("/api/pay/inputs/{period}")
    public Map<String, Object> putInputs(
            @PathVariable String period, @RequestBody(required = false) PayService.Inputs inputs) {
        return pay.saveInputs(period, inputs, CurrentUser.id());
    }

    @GetMapping("/api/pay/inputs/{period}")
    public Map<String, Object> getInputs(@PathVariable String period) {
        return pay.inputs(period);
    }

    /** Computes (again) and stores the cycle's pay; {@code publicCommission} overrides the configured M2 variant. */
    @PostMapping("/api/cycles/{cycleId}/pay")
    public PayService.CyclePay compute(
            @PathVariable String cycleId, @RequestParam(required = false) String publicCommission) {
        PublicCommissionMode mode;
        try {
            mode = publicCommission == null ? pay.configuredMode() : PublicCommissionMode.of(publicCommission);
        } catch (IllegalArgumentException e) {
            throw new com.servicereview.web.BadRequestException(
                    "publicCommission", "must be performance-share or equal");
        }
        return pay.compute(cycleId, mode);
    }

    @GetMapping("/api/cycles/{cycleId}/pay")
    public PayService.CyclePay get(@PathVariable String cycleId) {
        return pay.pay(cycleId);
    }

    @GetMapping("/api/cycles/{cycleId}/pay.csv")
    public ResponseEntity<byte[]> csv(@PathVariable String cycleId) {
        return file(PayExport.csv(pay.pay(cycleId)), CSV, cycleId, ".csv");
    }

    @GetMapping("/api/cycles/{cycleId}/pay.xlsx")
    public ResponseEntity<byte[]> xlsx(@PathVariable String cycleId) {
        return file(PayExport.xlsx(pay.pay(cycleId)), XLSX, cycleId, ".xlsx");
    }

    private static ResponseEntity<byte[]> file(byte[] body, MediaType type, String cycleId, String suffix) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("pay_" + cycleId.replace(':', '_') + suffix, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(body);
    }

    /** 400 naming the first faulty field, with all faults in {@code errors}. */
    @ExceptionHandler(PayInputException.class)
    ResponseEntity<ProblemDetail> invalid(PayInputException e) {
        ResponseEntity<ProblemDetail> answer = ApiErrors.problem(
                HttpStatus.BAD_REQUEST,
                "invalid-input",
                e.faults().get(0).field(),
                e.faults().get(0).message());
        answer.getBody().setProperty("errors", e.faults());
        return answer;
    }
}

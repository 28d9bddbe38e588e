package com.servicereview.pay;

import com.servicereview.metrics.ImportError;
import com.servicereview.metrics.ImportErrors;
import com.servicereview.security.CurrentUser;
import com.servicereview.web.ApiErrors;
import com.servicereview.web.BadRequestException;
import com.servicereview.web.Uploads;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/** Pay inputs, computation and payroll export; HR ({@code hr}) only ({@code security.AccessRules}). See docs/pay.md. */
@RestController
public class PayController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    /** The multipart parts of an upload: the workbook (or the people as CSV), and the units as a CSV file of their own. */
    static final String FILE_PART = "file";

    static final String UNITS_PART = "units";

    private final PayService pay;
    private final PayTemplate template;
    private final PayUpload upload;

    public PayController(PayService pay, PayTemplate template, PayUpload upload) {
        this.pay = pay;
        this.template = template;
        this.upload = upload;
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

    /** The workbook to fill in: the unit's active people and its units, with what is stored for the month. */
    @GetMapping("/api/pay/inputs/{period}/template.xlsx")
    public ResponseEntity<byte[]> template(@PathVariable String period, @RequestParam(required = false) String unit) {
        String unitId = requiredUnit(unit);
        return file(template.workbook(period, unitId), XLSX, "pay-inputs_" + period + "_" + unitId + ".xlsx");
    }

    /**
     * A filled-in template (or the people as CSV in {@code file}, the units as CSV in {@code units}) for the unit: stored whole
     * when every row is right, otherwise 400 with every error and nothing stored.
     */
    @PostMapping(path = "/api/pay/inputs/{period}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<?> upload(
            @PathVariable String period,
            @RequestParam(required = false) String unit,
            MultipartHttpServletRequest request)
            throws IOException {
        PayService.checkPeriod(period);
        String unitId = requiredUnit(unit);
        List<PayUpload.File> files = new ArrayList<>();
        try {
            for (Map.Entry<String, List<MultipartFile>> part :
                    request.getMultiFileMap().entrySet()) {
                if (!part.getKey().equals(FILE_PART) && !part.getKey().equals(UNITS_PART))
                    throw new BadRequestException(
                            part.getKey(),
                            "不是工资数据上传的字段（file、units）/ is not a part of a pay-input upload (file, units)");
                for (MultipartFile sent : part.getValue()) {
                    Path copy = Files.createTempFile(
                            "pay-inputs-",
                            ".upload",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    files.add(new PayUpload.File(part.getKey(), Uploads.fileName(sent, part.getKey()), copy));
                    try (InputStream in = sent.getInputStream()) {
                        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            if (files.stream().noneMatch(f -> f.part().equals(FILE_PART)))
                throw new BadRequestException(
                        FILE_PART,
                        "必填：填好的模板（.xlsx）或人员 CSV / is required: the filled-in template (.xlsx) or the people as CSV");
            PayUpload.Outcome outcome = upload.read(unitId, files);
            if (!outcome.errors().isEmpty()) return refused(outcome.errors());
            Map<String, Object> saved = pay.saveInputs(period, outcome.inputs(), CurrentUser.id());
            Map<String, Object> body = new LinkedHashMap<>(saved);
            body.put("unit", unitId);
            body.put("skipped", outcome.skipped());
            return ResponseEntity.ok(body);
        } finally {
            for (PayUpload.File f : files) Files.deleteIfExists(f.path());
        }
    }

    private static String requiredUnit(String unit) {
        if (unit == null || unit.isBlank())
            throw new BadRequestException("unit", "必填：单位编号 / is required: the unit id (?unit=…)");
        return unit.strip();
    }

    /** 400 with every error of the upload, as the imports answer: file, sheet, row, column, value, reason. */
    private static ResponseEntity<ProblemDetail> refused(ImportErrors errors) {
        long count = errors.count();
        List<Map<String, Object>> shown =
                errors.shown().stream().map(ImportError::asJson).toList();
        ResponseEntity<ProblemDetail> problem = ApiErrors.problem(
                HttpStatus.BAD_REQUEST,
                "invalid-file",
                FILE_PART,
                count + " 个错误，什么都没有保存 / " + count + " error(s); nothing was stored ("
                        + errors.shown().get(0).message() + ")");
        problem.getBody().setProperty("errorCount", count);
        problem.getBody().setProperty("errors", shown);
        problem.getBody().setProperty("moreErrors", count - shown.size());
        return problem;
    }

    /** Computes (again) and stores the cycle's pay; {@code publicCommission} overrides the configured M2 variant. */
    @PostMapping("/api/cycles/{cycleId}/pay")
    public PayService.CyclePay compute(
            @PathVariable String cycleId, @RequestParam(required = false) String publicCommission) {
        PublicCommissionMode mode;
        try {
            mode = publicCommission == null ? pay.configuredMode() : PublicCommissionMode.of(publicCommission);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("publicCommission", "must be performance-share or equal");
        }
        return pay.compute(cycleId, mode);
    }

    @GetMapping("/api/cycles/{cycleId}/pay")
    public PayService.CyclePay get(@PathVariable String cycleId) {
        return pay.pay(cycleId);
    }

    @GetMapping("/api/cycles/{cycleId}/pay.csv")
    public ResponseEntity<byte[]> csv(@PathVariable String cycleId) {
        return file(PayExport.csv(pay.pay(cycleId)), CSV, "pay_" + cycleId.replace(':', '_') + ".csv");
    }

    @GetMapping("/api/cycles/{cycleId}/pay.xlsx")
    public ResponseEntity<byte[]> xlsx(@PathVariable String cycleId) {
        return file(PayExport.xlsx(pay.pay(cycleId)), XLSX, "pay_" + cycleId.replace(':', '_') + ".xlsx");
    }

    private static ResponseEntity<byte[]> file(byte[] body, MediaType type, String name) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(name, StandardCharsets.UTF_8)
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

package com.servicereview.metrics;

import com.servicereview.security.CurrentUser;
import com.servicereview.web.ApiErrors;
import com.servicereview.web.BadRequestException;
import com.servicereview.web.NotFoundException;
import com.servicereview.web.Uploads;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Imports of raw service records: {@code POST /api/imports/{recordType}} with a CSV or .xlsx file
 * (multipart field {@code file}) or a JSON array; answered 202 with the import id at once, then
 * {@code GET /api/imports/{importId}} shows progress and the outcome. HR and administrators only
 * ({@code security.AccessRules}).
 */
@RestController
@RequestMapping("/api/imports")
class ImportController {

    private static final String JSON_BODY = "request body (JSON)";

    private final ImportJobs jobs;
    private final ImportJobRepository repository;
    private final long maxUploadBytes;

    ImportController(
            ImportJobs jobs,
            ImportJobRepository repository,
            @Value("${service-review.metrics.max-upload-size}") DataSize maxUploadSize) {
        this.jobs = jobs;
        this.repository = repository;
        this.maxUploadBytes = maxUploadSize.toBytes();
    }

    @PostMapping(path = "/{recordType}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, Object>> upload(
            @PathVariable String recordType, @RequestParam("file") MultipartFile file) throws IOException {
        String user = CurrentUser.id();
        RecordType type = recordType(recordType);
        Path copy = jobs.newUpload(".upload");
        try {
            // The multipart temp file is gone when the request ends; the job reads its own copy.
            try (InputStream in = file.getInputStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            ImportFormat format = ImportFormat.sniff(copy)
                    .orElseThrow(() -> new BadRequestException(
                            "file", "is a legacy Excel 97-2003 (.xls) workbook; save it as .xlsx or CSV"));
            return accepted(jobs.submit(type, format, copy, Uploads.fileName(file, "upload"), user));
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }

    @PostMapping(path = "/{recordType}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> json(@PathVariable String recordType, HttpServletRequest request)
            throws IOException {
        String user = CurrentUser.id();
        RecordType type = recordType(recordType);
        Path copy = jobs.newUpload(".json");
        try {
            Uploads.copyBody(request, copy, maxUploadBytes);
            return accepted(jobs.submit(type, ImportFormat.JSON, copy, JSON_BODY, user));
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }

    @GetMapping("/{importId}")
    ImportJobRepository.ImportJob status(@PathVariable String importId) {
        return repository
                .find(importId)
                .orElseThrow(() -> new NotFoundException("importId", "no import '" + importId + "'"));
    }

    @ExceptionHandler(ImportJobs.BusyException.class)
    ResponseEntity<ProblemDetail> busy(ImportJobs.BusyException e) {
        return ApiErrors.problem(HttpStatus.SERVICE_UNAVAILABLE, "busy", null, e.getMessage());
    }

    private static RecordType recordType(String id) {
        return RecordType.byId(id)
                .orElseThrow(() -> new BadRequestException(
                        "recordType", "unknown record type '" + id + "'; record types: " + RecordType.knownIds()));
    }

    private static ResponseEntity<Map<String, Object>> accepted(String importId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("importId", importId);
        body.put("status", "RUNNING");
        body.put("statusUrl", "/api/imports/" + importId);
        return ResponseEntity.accepted()
                .location(URI.create("/api/imports/" + importId))
                .body(body);
    }
}

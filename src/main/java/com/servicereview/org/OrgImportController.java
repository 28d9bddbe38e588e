package com.servicereview.org;

import com.servicereview.metrics.ImportError;
import com.servicereview.security.CurrentUser;
import com.servicereview.web.ApiErrors;
import com.servicereview.web.BadRequestException;
import com.servicereview.web.Uploads;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * {@code POST /api/org/import[?dryRun=true]}: HR and administrators import the organisation (docs/org.md)
 * as a multipart upload — {@code file} (an .xlsx workbook or a JSON document) or CSV files as
 * {@code units}, {@code people}, {@code groupReviewers} — or as a JSON body. Answered when done: 200
 * with the difference, or 400 with every error and nothing changed.
 */
@RestController
@RequestMapping("/api/org")
class OrgImportController {

    private static final String JSON_BODY = "request body (JSON)";

    private final OrgSync sync;
    private final OrgAccess access;
    private final long maxJsonBytes;

    OrgImportController(
            OrgSync sync,
            OrgAccess access,
            @Value("${service-review.metrics.max-upload-size}") DataSize maxUploadSize) {
        this.sync = sync;
        this.access = access;
        this.maxJsonBytes = maxUploadSize.toBytes();
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<?> upload(@RequestParam(defaultValue = "false") boolean dryRun, MultipartHttpServletRequest request)
            throws IOException {
        // Only HR and administrators get here (security.AccessRules).
        String user = CurrentUser.id();
        List<OrgFiles.Upload> uploads = new ArrayList<>();
        try {
            for (Map.Entry<String, List<MultipartFile>> part :
                    request.getMultiFileMap().entrySet()) {
                if (!part.getKey().equals(OrgFiles.WHOLE)
                        && Arrays.stream(OrgSheet.values())
                                .noneMatch(k -> k.part().equals(part.getKey()))) {
                    throw new BadRequestException(
                            part.getKey(),
                            "is not a part of an organisation import (file, units, people, groupReviewers)");
                }
                for (MultipartFile file : part.getValue()) {
                    Path copy = newCopy();
                    uploads.add(new OrgFiles.Upload(part.getKey(), Uploads.fileName(file, part.getKey()), copy));
                    try (InputStream in = file.getInputStream()) {
                        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            if (uploads.isEmpty())
                throw new BadRequestException(
                        "file",
                        "必填：以 file 上传 .xlsx 工作簿或 JSON 文档，或以 units、people、groupReviewers 上传 CSV 文件"
                                + " / is required: an .xlsx workbook or JSON document as file, "
                                + "or CSV files as units, people and groupReviewers");
            return answer(sync.run(uploads, user, access.isAdministrator(user), dryRun), dryRun);
        } finally {
            for (OrgFiles.Upload upload : uploads) Files.deleteIfExists(upload.path());
        }
    }

    @PostMapping(path = "/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> json(@RequestParam(defaultValue = "false") boolean dryRun, HttpServletRequest request)
            throws IOException {
        // Only HR and administrators get here (security.AccessRules).
        String user = CurrentUser.id();
        Path copy = newCopy();
        try {
            Uploads.copyBody(request, copy, maxJsonBytes);
            return answer(
                    sync.run(
                            List.of(new OrgFiles.Upload(OrgFiles.WHOLE, JSON_BODY, copy)),
                            user,
                            access.isAdministrator(user),
                            dryRun),
                    dryRun);
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    private static ResponseEntity<?> answer(OrgSync.Outcome outcome, boolean dryRun) {
        if (!outcome.errors().isEmpty()) {
            long count = outcome.errors().count();
            var problem = ApiErrors.problem(
                    HttpStatus.BAD_REQUEST,
                    "invalid-file",
                    "file",
                    count + " 个错误，未导入任何数据 / " + count + " error(s); nothing was imported ("
                            + outcome.errors().shown().get(0).message() + ")");
            List<Map<String, Object>> errors =
                    outcome.errors().shown().stream().map(ImportError::asJson).toList();
            problem.getBody().setProperty("errorCount", count);
            problem.getBody().setProperty("errors", errors);
            problem.getBody().setProperty("moreErrors", count - errors.size());
            return problem;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dryRun", dryRun);
        body.put("applied", outcome.applied());
        body.putAll(outcome.diff());
        if (outcome.applied()) body.put("provisioned", outcome.provisioned());
        body.put("timings", outcome.timings());
        return ResponseEntity.ok(body);
    }

    private static Path newCopy() throws IOException {
        return Files.createTempFile(
                "org-import-",
                ".upload",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
}

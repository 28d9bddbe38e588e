package com.servicereview.report;

import com.servicereview.cycle.CycleAccess;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The cycle report as JSON and as an Excel workbook; the page is {@link CycleReportPage}. */
@RestController
@RequestMapping("/api/cycles/{cycleId}")
public class CycleReportController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final CycleReportService reports;
    private final CycleAccess access;

    public CycleReportController(CycleReportService reports, CycleAccess access) {
        this.reports = reports;
        this.access = access;
    }

    @GetMapping("/report")
    public CycleReport report(@PathVariable String cycleId) {
        access.check(cycleId);
        return reports.report(cycleId);
    }

    @GetMapping("/report.xlsx")
    public ResponseEntity<byte[]> workbook(@PathVariable String cycleId) {
        access.check(cycleId);
        byte[] bytes = ReportWorkbook.write(reports.report(cycleId));
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(fileName(cycleId) + ".xlsx", StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(bytes);
    }

    /** "as2:2019-03:cs-staff-monthly" → "cycle-report_as2_2019-03_cs-staff-monthly". */
    static String fileName(String cycleId) {
        return "cycle-report_" + cycleId.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}

package com.servicereview.report;

import com.servicereview.cycle.CycleAccess;
import com.servicereview.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * {@code GET /reports/cycles/{id}}: the cycle report as one printable HTML page with inline SVG
 * charts. Behind the same authentication as {@code /api} (HTTP Basic or the web apps' login, so a
 * browser logged in to Tasklist opens it without a password); refusals are small HTML pages too.
 */
@Controller
public class CycleReportPage {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8);

    private final CycleReportService reports;
    private final CycleAccess access;

    public CycleReportPage(CycleReportService reports, CycleAccess access) {
        this.reports = reports;
        this.access = access;
    }

    @GetMapping("/reports/cycles/{cycleId}")
    public ResponseEntity<String> page(@PathVariable String cycleId) {
        if (!access.mayRead(cycleId)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(HTML)
                    .body(ReportHtml.message("无权查看 / Forbidden", "您无权查看该周期报告。 You may not read the report of cycle " + cycleId + "."));
        }
        try {
            return ResponseEntity.ok().contentType(HTML).body(ReportHtml.render(reports.report(cycleId)));
        } catch (NotFoundException e) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(HTML)
                    .body(ReportHtml.message("未找到 / Not found", "没有该考核周期。 " + e.getMessage() + "."));
        }
    }
}

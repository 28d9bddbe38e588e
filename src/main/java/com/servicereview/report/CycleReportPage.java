package com.servicereview.report;

import java.nio.charset.StandardCharsets;
import com.servicereview.cycle.CycleAccess;
import com.servicereview.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * {@code GET /reports/cycles/{id}}: the cycle report as one printable HTML page with inline SVG
 * charts. Behind the same HTTP Basic filter as {@code /api}; refusals are small HTML pages too.
 */
@Controller
public class CycleReportPage {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final CycleReportService reports;
    private final CycleAccess access;

    public CycleReportPage(CycleReportService reports, CycleAccess access) {
        this.reports = reports;
        this.access = access;
    }

    @GetMapping("/reports/cycles/{cycleId}")
    public ResponseEntity<String> page(@PathVariable String cycleId, HttpServletRequest request) {
        if (!access.mayRead(request, cycleId)) {
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

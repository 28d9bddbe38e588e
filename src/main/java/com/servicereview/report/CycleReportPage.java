package com.servicereview.report;

import com.servicereview.cycle.CycleAccess;
import com.servicereview.web.NotFoundException;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code GET /reports/cycles/{id}}: the cycle report as one printable HTML page (template
 * {@code templates/report/cycle.html}) with ECharts charts, in Chinese or, after {@code ?lang=en}, English.
 * Behind the same authentication as {@code /api} (HTTP Basic or the web apps' login, so a browser logged in
 * to Tasklist opens it without a password); refusals are small pages in the same layout.
 */
@Controller
public class CycleReportPage {

    private final CycleReportService reports;
    private final CycleAccess access;

    public CycleReportPage(CycleReportService reports, CycleAccess access) {
        this.reports = reports;
        this.access = access;
    }

    @GetMapping("/reports/cycles/{cycleId}")
    public ModelAndView page(@PathVariable String cycleId, Locale locale) {
        if (!access.mayRead(cycleId)) return message(HttpStatus.FORBIDDEN, "report.forbidden", cycleId);
        CycleReport report;
        try {
            report = reports.report(cycleId);
        } catch (NotFoundException e) {
            return message(HttpStatus.NOT_FOUND, "report.notFound", cycleId);
        }
        ModelAndView page = new ModelAndView("report/cycle");
        page.addObject("report", report);
        page.addObject(
                "charts", ReportCharts.of(report, Locale.ENGLISH.getLanguage().equals(locale.getLanguage())));
        page.addObject("workbookName", CycleReportController.fileName(cycleId) + ".xlsx");
        return page;
    }

    /** The page {@code templates/message.html} with the messages {@code <key>.title} and {@code <key>.text}({@code argument}). */
    private static ModelAndView message(HttpStatus status, String key, String argument) {
        ModelAndView page = new ModelAndView("message", status);
        page.addObject("titleKey", key + ".title");
        page.addObject("textKey", key + ".text");
        page.addObject("argument", argument);
        return page;
    }
}

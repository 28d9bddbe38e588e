package com.servicereview.console;

import com.servicereview.pay.PayInputException;
import com.servicereview.pay.PayLineKind;
import com.servicereview.pay.PayOverview;
import com.servicereview.pay.PayService;
import com.servicereview.scoring.Grade;
import com.servicereview.web.NotFoundException;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /console/pay}: HR's pay page — choose a month and a unit, download the pay-input template, upload it, see the stored
 * inputs, compute a cycle's pay and download its exports. HR only, the rule of the pay API it calls (security.AccessRules);
 * the page reads through {@link PayOverview}, and the uploading and computing are the API's (static/js/console-pay.js).
 */
@Controller
class PayConsolePage {

    private final ConsolePages pages;
    private final PayOverview overview;
    private final PayService pay;

    PayConsolePage(ConsolePages pages, PayOverview overview, PayService pay) {
        this.pages = pages;
        this.overview = overview;
        this.pay = pay;
    }

    @GetMapping("/console/pay")
    ModelAndView page(
            @RequestParam(required = false) String period,
            @RequestParam(required = false) String unit,
            @RequestParam(required = false) String cycle,
            Locale locale) {
        ConsolePages.Visitor visitor = pages.visitor(locale);
        if (!overview.mayUse())
            return ConsolePages.message(HttpStatus.FORBIDDEN, "console.pay.forbidden", visitor.userId());
        List<PayOverview.UnitOption> units = overview.units();
        String month = period == null || period.isBlank()
                ? YearMonth.now(ZoneId.of("Asia/Shanghai")).minusMonths(1).toString()
                : period.strip();
        String unitId = unit == null || unit.isBlank()
                ? units.isEmpty() ? null : units.get(0).id()
                : unit.strip();
        if (unitId == null) return ConsolePages.message(HttpStatus.NOT_FOUND, "console.pay.noUnits", "");
        PayOverview.Overview shown;
        try {
            shown = overview.overview(month, unitId);
        } catch (PayInputException e) {
            return ConsolePages.message(HttpStatus.BAD_REQUEST, "console.pay.badPeriod", month);
        } catch (NotFoundException e) {
            return ConsolePages.message(HttpStatus.NOT_FOUND, "console.pay.unknownUnit", unitId);
        }
        PayOverview.CycleRow chosen = shown.cycles().stream()
                .filter(c -> c.id().equals(cycle))
                .findFirst()
                .orElse(null);
        ModelAndView page = new ModelAndView("console/pay");
        page.addObject("visitor", visitor);
        page.addObject("units", units);
        page.addObject("period", month);
        page.addObject("unitId", unitId);
        page.addObject("overview", shown);
        page.addObject("cycle", chosen);
        page.addObject("cyclePay", chosen == null || chosen.paidEmployees() == 0 ? null : pay.pay(chosen.id()));
        page.addObject("kinds", Arrays.asList(PayLineKind.values()));
        boolean english = ConsolePages.english(locale);
        page.addObject("english", english);
        page.addObject(
                "grades",
                Arrays.stream(Grade.values())
                        .collect(Collectors.toMap(Grade::name, g -> english ? g.labelEn() : g.labelZh())));
        return page;
    }
}

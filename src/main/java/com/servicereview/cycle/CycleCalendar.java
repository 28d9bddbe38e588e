package com.servicereview.cycle;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * P10: the cycle for month M runs in the first working days of M+1 — from a scheme's window start
 * (the 1st for cs-staff-monthly, the 5th in plan 5) — postponed over public holidays (遇节假日顺延).
 * Holidays and the weekend days that are worked instead (调休) are configured per year.
 */
@Component
public class CycleCalendar {

    /** @param windowStartDay the first day of M+1 the cycle may run on */
    public record Schedule(String unit, String scheme, int windowStartDay) {}

    @ConfigurationProperties("service-review.cycle")
    public record Properties(List<Schedule> schedules, Set<LocalDate> holidays, Set<LocalDate> workdays) {
        public Properties {
            schedules = schedules == null ? List.of() : schedules;
            holidays = holidays == null ? Set.of() : holidays;
            workdays = workdays == null ? Set.of() : workdays;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(Properties.class)
    static class Config {}

    private final Properties properties;

    public CycleCalendar(Properties properties) {
        this.properties = properties;
    }

    public boolean isWorkingDay(LocalDate day) {
        if (properties.workdays().contains(day)) return true;
        if (properties.holidays().contains(day)) return false;
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The day the cycle of {@code period} runs: the first working day on or after the window start in the next month. */
    public LocalDate runDay(YearMonth period, int windowStartDay) {
        LocalDate day = period.plusMonths(1).atDay(windowStartDay);
        while (!isWorkingDay(day)) day = day.plusDays(1);
        return day;
    }

    public record Due(String unit, String scheme, String period) {}

    /** The cycles to start today: those whose run day for last month is today. */
    public List<Due> dueOn(LocalDate today) {
        YearMonth period = YearMonth.from(today).minusMonths(1);
        List<Due> due = new ArrayList<>();
        for (Schedule s : properties.schedules()) {
            if (runDay(period, s.windowStartDay()).equals(today))
                due.add(new Due(s.unit(), s.scheme(), period.toString()));
        }
        return due;
    }
}

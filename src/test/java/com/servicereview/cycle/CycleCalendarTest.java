package com.servicereview.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** P10: the first working day of the next month, postponed over holidays (遇节假日顺延). */
class CycleCalendarTest {

    // 2026: Oct 1–2 (Thu–Fri) and Oct 5–7 (Mon–Wed) are holidays; Saturday Oct 10 is worked instead (调休)
    private final CycleCalendar calendar = new CycleCalendar(new CycleCalendar.Properties(
            List.of(
                    new CycleCalendar.Schedule("cs", "cs-staff-monthly", 1),
                    new CycleCalendar.Schedule("as1", "online-cs-monthly", 5)),
            Set.of(
                    LocalDate.parse("2026-10-01"),
                    LocalDate.parse("2026-10-02"),
                    LocalDate.parse("2026-10-05"),
                    LocalDate.parse("2026-10-06"),
                    LocalDate.parse("2026-10-07")),
            Set.of(LocalDate.parse("2026-10-10"))));

    @Test
    void holidaysAndTheWeekendPostponeTheRunDay() {
        // September's cycle: Oct 1, 2 holidays, 3–4 weekend, 5–7 holidays → Thursday Oct 8
        assertThat(calendar.runDay(YearMonth.parse("2026-09"), 1)).isEqualTo(LocalDate.parse("2026-10-08"));
        // window from the 5th: the 5th–7th are holidays, the 8th is the first working day too
        assertThat(calendar.runDay(YearMonth.parse("2026-09"), 5)).isEqualTo(LocalDate.parse("2026-10-08"));
    }

    @Test
    void aWeekendStartMovesToMonday() {
        // February 1, 2026 is a Sunday
        assertThat(calendar.runDay(YearMonth.parse("2026-01"), 1)).isEqualTo(LocalDate.parse("2026-02-02"));
    }

    @Test
    void aWorkedSaturdayIsAWorkingDay() {
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-10"))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-11"))).isFalse();
        assertThat(calendar.runDay(YearMonth.parse("2026-09"), 10)).isEqualTo(LocalDate.parse("2026-10-10"));
    }

    @Test
    void onlyTheRunDayStartsACycle() {
        assertThat(calendar.dueOn(LocalDate.parse("2026-10-07"))).isEmpty();
        assertThat(calendar.dueOn(LocalDate.parse("2026-10-08")))
                .containsExactly(
                        new CycleCalendar.Due("cs", "cs-staff-monthly", "2026-09"),
                        new CycleCalendar.Due("as1", "online-cs-monthly", "2026-09"));
        assertThat(calendar.dueOn(LocalDate.parse("2026-10-09"))).isEmpty();
    }
}

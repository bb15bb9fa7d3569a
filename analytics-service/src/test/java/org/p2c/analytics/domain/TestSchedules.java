package org.p2c.analytics.domain;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The tests' own routine for the schedules reporting-service publishes (its README, "Reporting compliance"): an
 * anchor on the validation day, then one on each later day a report was submitted; due one cadence after the anchor,
 * DUE from the due-soon window before. Analytics itself only reads the published dates.
 */
public final class TestSchedules {

    private TestSchedules() {
    }

    public static List<ScheduleAnchor> of(LocalDate validatedDay, Collection<LocalDate> reportDays, Period cadence,
                                          Period dueSoon) {
        List<ScheduleAnchor> anchors = new ArrayList<>();
        anchors.add(anchor(validatedDay, cadence, dueSoon));
        reportDays.stream().distinct().sorted().forEach(day -> {
            if (day.isAfter(anchors.get(anchors.size() - 1).from())) {
                anchors.add(anchor(day, cadence, dueSoon));
            }
        });
        return anchors;
    }

    /** Yearly, DUE from 30 days before: reporting-service's defaults. */
    public static List<ScheduleAnchor> yearly(LocalDate validatedDay, Collection<LocalDate> reportDays) {
        return of(validatedDay, reportDays, Period.ofYears(1), Period.ofDays(30));
    }

    private static ScheduleAnchor anchor(LocalDate from, Period cadence, Period dueSoon) {
        LocalDate due = from.plus(cadence);
        return new ScheduleAnchor(from, due, due.minus(dueSoon));
    }
}

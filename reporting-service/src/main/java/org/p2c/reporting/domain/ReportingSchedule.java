package org.p2c.reporting.domain;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * One validated pledge's reporting obligation, the one rule of reporting compliance on the platform: the pledge owes
 * its next report one cadence after its first validation, then one cadence after its latest submitted report (a
 * correction is a submitted report too). Days are UTC days.
 *
 * <p>Each anchor is a day from which a due date holds: the validation day, then each later day a report was
 * submitted. On day T the anchor with the latest {@code from} on or before T is in force; with its due date D:
 * OVERDUE if T is after D, DUE from {@code dueSoonFrom} (the due-soon window before D) to D included, UP_TO_DATE
 * otherwise. Before the validation day the pledge owes nothing. The compliance lists read the stored anchors and
 * analytics reads the published ones, so both answer from the same dates.
 */
public record ReportingSchedule(List<Anchor> anchors) {

    public ReportingSchedule {
        anchors = List.copyOf(anchors);
    }

    /** From {@code from} on, the next report is due on {@code dueOn}, and DUE shows from {@code dueSoonFrom}. */
    public record Anchor(LocalDate from, LocalDate dueOn, LocalDate dueSoonFrom) {

        public ComplianceState stateOn(LocalDate day) {
            if (day.isAfter(dueOn)) {
                return ComplianceState.OVERDUE;
            }
            return day.isBefore(dueSoonFrom) ? ComplianceState.UP_TO_DATE : ComplianceState.DUE;
        }
    }

    /**
     * The schedule of a pledge first validated on {@code validatedOn} with reports submitted on {@code submissionDays}
     * (any order, repeats allowed). A submission day not after the latest anchor moves nothing: two reports on one
     * day count as one, and a report cannot predate the validation that made it possible.
     */
    public static ReportingSchedule of(LocalDate validatedOn, Collection<LocalDate> submissionDays, Period cadence,
                                       Period dueSoon) {
        List<Anchor> anchors = new ArrayList<>();
        anchors.add(anchor(validatedOn, cadence, dueSoon));
        submissionDays.stream().distinct().sorted().forEach(day -> {
            if (day.isAfter(anchors.get(anchors.size() - 1).from())) {
                anchors.add(anchor(day, cadence, dueSoon));
            }
        });
        return new ReportingSchedule(anchors);
    }

    private static Anchor anchor(LocalDate from, Period cadence, Period dueSoon) {
        LocalDate due = from.plus(cadence);
        return new Anchor(from, due, due.minus(dueSoon));
    }

    /** The anchor in force on a day; empty before the validation day. */
    public Optional<Anchor> inForceOn(LocalDate day) {
        Anchor inForce = null;
        for (Anchor a : anchors) {
            if (!a.from().isAfter(day)) {
                inForce = a;
            }
        }
        return Optional.ofNullable(inForce);
    }

    /** Where the pledge stands on a day; empty before the validation day. */
    public Optional<ComplianceState> stateOn(LocalDate day) {
        return inForceOn(day).map(a -> a.stateOn(day));
    }
}

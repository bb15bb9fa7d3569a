package org.p2c.analytics.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What the figures know of one pledge: its latest snapshot, its entity's stakeholder type (null while the entity is
 * unknown: the pledge counts from when it arrives) and its submitted reports.
 */
public record PledgeFacts(UUID id, UUID entityId, LocalDate validatedDay, LocalDate withdrawnDay, BigDecimal usd,
                          List<String> countries, List<String> regions, List<String> types, List<String> pillars,
                          List<String> focusAreas, List<String> unGroups, List<Integer> sdgs, List<String> targets,
                          LocalDate endDate, String stakeholderType, List<ReportFacts> reports) {

    /** The days the pledge counts: validated on or before D and not withdrawn on or before D. Null: never. */
    public Interval counted() {
        if (validatedDay == null || stakeholderType == null) {
            return null;
        }
        Interval i = new Interval(validatedDay, withdrawnDay);
        return i.isEmpty() ? null : i;
    }

    /** The distinct UTC days its reports were submitted, in order. */
    public List<LocalDate> reportDays() {
        return reports.stream().map(ReportFacts::submittedDay).distinct().sorted().toList();
    }

    /** The days it counts as reported: counted, with a report submitted on or before D. Null: never. */
    public Interval reported() {
        Interval counted = counted();
        if (counted == null || reports.isEmpty()) {
            return null;
        }
        Interval i = counted.and(new Interval(reportDays().get(0), null));
        return i.isEmpty() ? null : i;
    }

    public PledgeFacts withStakeholderType(String type) {
        return new PledgeFacts(id, entityId, validatedDay, withdrawnDay, usd, countries, regions, types, pillars, focusAreas,
                unGroups, sdgs, targets, endDate, type, reports);
    }

    public PledgeFacts withReports(List<ReportFacts> newReports) {
        return new PledgeFacts(id, entityId, validatedDay, withdrawnDay, usd, countries, regions, types, pillars, focusAreas,
                unGroups, sdgs, targets, endDate, stakeholderType, newReports);
    }

    /** WORLD, each ITU region the pledge is implemented in and each country it targets. */
    public List<String> scopes() {
        List<String> scopes = new ArrayList<>(headlineScopes());
        countries.forEach(c -> scopes.add(Dim.country(c)));
        return scopes;
    }

    private List<String> headlineScopes() {
        List<String> scopes = new ArrayList<>();
        scopes.add(Dim.WORLD);
        scopes.addAll(regions);
        return scopes;
    }

    /**
     * Everything this pledge adds to the figures, day by day. Reporting standing follows reporting-service's rule:
     * the next report is due one cadence after the latest report submitted on or before D, or after the validation
     * day while there is none; DUE from {@code dueSoon} before the due date to the due date included; OVERDUE after.
     */
    public Deltas contribution(Period cadence, Period dueSoon) {
        Deltas d = new Deltas();
        Interval counted = counted();
        if (counted == null) {
            return d;
        }
        Interval reported = reported();
        BigDecimal value = usd == null ? BigDecimal.ZERO : usd;
        for (String scope : headlineScopes()) {
            cell(d, scope, Dim.ALL, Dim.NO_KEY, counted, reported, value);
            cell(d, scope, Dim.STAKEHOLDER_TYPE, stakeholderType, counted, reported, value);
            focusAreas.forEach(k -> cell(d, scope, Dim.FOCUS_AREA, k, counted, reported, value));
            pillars.forEach(k -> cell(d, scope, Dim.PILLAR, k, counted, reported, value));
            types.forEach(k -> cell(d, scope, Dim.TYPE, k, counted, reported, value));
            unGroups.forEach(k -> cell(d, scope, Dim.UN_GROUP, k, counted, reported, value));
            sdgs.forEach(k -> cell(d, scope, Dim.SDG, String.valueOf(k), counted, reported, value));
            standing(d, scope, counted, cadence, dueSoon);
        }
        if (!countries.isEmpty()) {
            // The brief's figures, computed once and added to each country's scope.
            Deltas brief = new Deltas();
            String scope = "";
            cell(brief, scope, Dim.ALL, Dim.NO_KEY, counted, reported, value);
            cell(brief, scope, Dim.STAKEHOLDER_TYPE, stakeholderType, counted, reported, value);
            targets.forEach(k -> brief.count(scope, Dim.TARGET, k, counted, BigDecimal.ZERO));
            endDates(brief, scope, counted, reported);
            reportsInForce(brief, scope, counted);
            for (String country : countries) {
                brief.cells().forEach((cell, change) -> d.add(Dim.country(country), cell.dim(), cell.key(), cell.day(),
                        change.count(), change.usd(), change.reported()));
            }
        }
        return d;
    }

    /** Ended before D (endDate < D) and reported; otherwise by its end year while running, or without end date. */
    private void endDates(Deltas d, String scope, Interval counted, Interval reported) {
        if (endDate == null) {
            d.count(scope, Dim.END, Dim.NO_END_DATE, counted, BigDecimal.ZERO);
            return;
        }
        LocalDate endedFrom = endDate.plusDays(1);
        d.count(scope, Dim.END, String.valueOf(endDate.getYear()), counted.and(new Interval(counted.from(), endedFrom)),
                BigDecimal.ZERO);
        Interval ended = counted.and(new Interval(endedFrom, null));
        d.count(scope, Dim.END, Dim.ENDED, ended, BigDecimal.ZERO);
        if (reported != null) {
            d.reported(scope, Dim.END, Dim.ENDED, ended.and(reported));
        }
    }

    /**
     * What the reports say on each day: the completion status of the last report submitted on or before D (one
     * superseded on or before D gives way to its correction), and the categories of the reports in force on D
     * (submitted on or before D, not superseded on or before D), each counting the pledge once. Between two days on
     * which a report is submitted or superseded nothing changes.
     */
    private void reportsInForce(Deltas d, String scope, Interval counted) {
        List<LocalDate> changes = reports.stream()
                .flatMap(r -> r.supersededAt() == null ? Stream.of(r.submittedDay()) : Stream.of(r.submittedDay(), r.supersededDay()))
                .distinct().sorted().toList();
        Comparator<ReportFacts> newestFirst = Comparator.comparing(ReportFacts::submittedAt)
                .thenComparing(ReportFacts::id).reversed();
        for (int k = 0; k < changes.size(); k++) {
            LocalDate day = changes.get(k);
            Interval days = counted.and(new Interval(day, k + 1 < changes.size() ? changes.get(k + 1) : null));
            if (days.isEmpty()) {
                continue;
            }
            List<ReportFacts> submitted = reports.stream().filter(r -> r.submittedBy(day)).toList();
            submitted.stream().min(Comparator.comparing((ReportFacts r) -> r.supersededBy(day)).thenComparing(newestFirst))
                    .ifPresent(last -> d.count(scope, Dim.COMPLETION, last.completionStatus(), days, BigDecimal.ZERO));
            List<ReportFacts> inForce = submitted.stream().filter(r -> !r.supersededBy(day)).toList();
            inForce.stream().flatMap(r -> r.challengeCategories().stream()).distinct()
                    .forEach(c -> d.count(scope, Dim.CHALLENGE, c, days, BigDecimal.ZERO));
            inForce.stream().flatMap(r -> r.solutionCategories().stream()).distinct()
                    .forEach(c -> d.count(scope, Dim.SOLUTION, c, days, BigDecimal.ZERO));
        }
    }

    private static void cell(Deltas d, String scope, String dim, String key, Interval counted, Interval reported,
                             BigDecimal usd) {
        d.count(scope, dim, key, counted, usd);
        if (reported != null) {
            d.reported(scope, dim, key, reported);
        }
    }

    private void standing(Deltas d, String scope, Interval counted, Period cadence, Period dueSoon) {
        // Anchors: the validation day, then each later report day; between two anchors the due date is fixed.
        List<LocalDate> anchors = new ArrayList<>();
        anchors.add(counted.from());
        for (LocalDate r : reportDays()) {
            if (r.isAfter(anchors.get(anchors.size() - 1))) {
                anchors.add(r);
            }
        }
        for (int k = 0; k < anchors.size(); k++) {
            LocalDate start = anchors.get(k);
            LocalDate end = k + 1 < anchors.size() ? anchors.get(k + 1) : null;
            if (counted.to() != null && (end == null || counted.to().isBefore(end))) {
                end = counted.to();
            }
            if (end != null && !end.isAfter(start)) {
                break;
            }
            LocalDate due = start.plus(cadence);
            LocalDate soon = due.minus(dueSoon);
            LocalDate late = due.plusDays(1);
            state(d, scope, "UP_TO_DATE", start, soon, start, end);
            state(d, scope, "DUE", soon, late, start, end);
            state(d, scope, "OVERDUE", late, null, start, end);
        }
    }

    /** The state's days [from, to) within the anchor's days [start, end). */
    private void state(Deltas d, String scope, String state, LocalDate from, LocalDate to, LocalDate start, LocalDate end) {
        LocalDate f = from.isBefore(start) ? start : from;
        LocalDate t = to == null ? end : (end == null || to.isBefore(end) ? to : end);
        Interval i = new Interval(f, t);
        if (!i.isEmpty()) {
            d.count(scope, Dim.COMPLIANCE, state + "|" + stakeholderType, i, BigDecimal.ZERO);
        }
    }
}

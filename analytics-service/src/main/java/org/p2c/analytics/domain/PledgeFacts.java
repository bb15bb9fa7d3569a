package org.p2c.analytics.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the figures know of one pledge: its latest snapshot, its entity's stakeholder type (null while the entity is
 * unknown: the pledge counts from when it arrives) and the UTC days its reports were submitted.
 */
public record PledgeFacts(UUID id, UUID entityId, LocalDate validatedDay, LocalDate withdrawnDay, BigDecimal usd,
                          List<String> regions, List<String> types, List<String> pillars, List<String> focusAreas,
                          List<String> unGroups, List<Integer> sdgs, String stakeholderType, List<LocalDate> reportDays) {

    /** The days the pledge counts: validated on or before D and not withdrawn on or before D. Null: never. */
    public Interval counted() {
        if (validatedDay == null || stakeholderType == null) {
            return null;
        }
        Interval i = new Interval(validatedDay, withdrawnDay);
        return i.isEmpty() ? null : i;
    }

    /** The days it counts as reported: counted, with a report submitted on or before D. Null: never. */
    public Interval reported() {
        Interval counted = counted();
        if (counted == null || reportDays.isEmpty()) {
            return null;
        }
        LocalDate first = reportDays.get(0);
        Interval i = new Interval(first.isAfter(counted.from()) ? first : counted.from(), counted.to());
        return i.isEmpty() ? null : i;
    }

    /** WORLD and each ITU region the pledge is implemented in. */
    public List<String> scopes() {
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
        for (String scope : scopes()) {
            cell(d, scope, Dim.ALL, Dim.NO_KEY, counted, reported, value);
            cell(d, scope, Dim.STAKEHOLDER_TYPE, stakeholderType, counted, reported, value);
            focusAreas.forEach(k -> cell(d, scope, Dim.FOCUS_AREA, k, counted, reported, value));
            pillars.forEach(k -> cell(d, scope, Dim.PILLAR, k, counted, reported, value));
            types.forEach(k -> cell(d, scope, Dim.TYPE, k, counted, reported, value));
            unGroups.forEach(k -> cell(d, scope, Dim.UN_GROUP, k, counted, reported, value));
            sdgs.forEach(k -> cell(d, scope, Dim.SDG, String.valueOf(k), counted, reported, value));
            standing(d, scope, counted, cadence, dueSoon);
        }
        return d;
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
        for (LocalDate r : reportDays) {
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

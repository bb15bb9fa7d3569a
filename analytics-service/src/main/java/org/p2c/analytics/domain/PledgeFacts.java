package org.p2c.analytics.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What the figures know of one pledge: its latest snapshot's dates and entity, the timeline of its validated contents
 * (in revision order), its entity's stakeholder type (null while the entity is unknown: the pledge counts from when it
 * arrives), its submitted reports and its reporting schedule as reporting-service published it (empty while none
 * arrived). On each day it counts, the pledge adds the content in force that day.
 */
public record PledgeFacts(UUID id, UUID entityId, LocalDate validatedDay, LocalDate withdrawnDay,
                          List<ValidatedContent> contents, String stakeholderType, List<ReportFacts> reports,
                          List<ScheduleAnchor> schedule) {

    public PledgeFacts {
        contents = contents.stream().sorted(Comparator.comparingInt(ValidatedContent::revision)).toList();
        schedule = schedule.stream().sorted(Comparator.comparing(ScheduleAnchor::from)).toList();
    }

    /** The days the pledge counts: validated on or before D and not withdrawn on or before D. Null: never. */
    public Interval counted() {
        if (validatedDay == null || stakeholderType == null || contents.isEmpty()) {
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

    /**
     * The content in force on a day: that of the latest revision validated on or before it. Before every known
     * revision's day (the first revision not known, e.g. not arrived yet) the earliest known one stands for it.
     */
    public ValidatedContent inForceOn(LocalDate day) {
        ValidatedContent inForce = null;
        for (ValidatedContent c : contents) {
            if (!c.from().isAfter(day) && (inForce == null || c.revision() > inForce.revision())) {
                inForce = c;
            }
        }
        return inForce != null ? inForce : contents.get(0);
    }

    /** A stretch of days on which one content is in force. */
    public record Stretch(ValidatedContent content, Interval days) {
    }

    /**
     * The days the pledge counts, split by the content in force: consecutive, disjoint stretches that cover
     * {@link #counted()} exactly. Between two days on which a revision took effect nothing changes.
     */
    public List<Stretch> stretches() {
        Interval counted = counted();
        if (counted == null) {
            return List.of();
        }
        TreeSet<LocalDate> starts = new TreeSet<>();
        starts.add(counted.from());
        contents.forEach(c -> {
            if (c.from().isAfter(counted.from()) && (counted.to() == null || c.from().isBefore(counted.to()))) {
                starts.add(c.from());
            }
        });
        List<Stretch> stretches = new ArrayList<>();
        for (LocalDate start : starts) {
            LocalDate next = starts.higher(start);
            ValidatedContent content = inForceOn(start);
            Interval days = new Interval(start, next != null ? next : counted.to());
            int last = stretches.size() - 1;
            if (last >= 0 && stretches.get(last).content().equals(content)) {
                stretches.set(last, new Stretch(content, new Interval(stretches.get(last).days().from(), days.to())));
            } else {
                stretches.add(new Stretch(content, days));
            }
        }
        return stretches;
    }

    public PledgeFacts withStakeholderType(String type) {
        return new PledgeFacts(id, entityId, validatedDay, withdrawnDay, contents, type, reports, schedule);
    }

    public PledgeFacts withReports(List<ReportFacts> newReports) {
        return new PledgeFacts(id, entityId, validatedDay, withdrawnDay, contents, stakeholderType, newReports, schedule);
    }

    public PledgeFacts withContents(List<ValidatedContent> newContents) {
        return new PledgeFacts(id, entityId, validatedDay, withdrawnDay, newContents, stakeholderType, reports, schedule);
    }

    public PledgeFacts withSchedule(List<ScheduleAnchor> newSchedule) {
        return new PledgeFacts(id, entityId, validatedDay, withdrawnDay, contents, stakeholderType, reports, newSchedule);
    }

    /** WORLD, each ITU region the content is implemented in and each country it targets. */
    private static List<String> scopes(ValidatedContent c) {
        List<String> scopes = new ArrayList<>(headlineScopes(c));
        c.countries().forEach(country -> scopes.add(Dim.country(country)));
        return scopes;
    }

    private static List<String> headlineScopes(ValidatedContent c) {
        List<String> scopes = new ArrayList<>();
        scopes.add(Dim.WORLD);
        scopes.addAll(c.regions());
        return scopes;
    }

    /** Per scope, the days the pledge counts there (its entity counts there on the union of its pledges' days). */
    public Map<String, List<Interval>> countedIn() {
        Map<String, List<Interval>> byScope = new TreeMap<>();
        for (Stretch s : stretches()) {
            scopes(s.content()).forEach(scope -> byScope.computeIfAbsent(scope, k -> new ArrayList<>()).add(s.days()));
        }
        return byScope;
    }

    /** Per scope, the days the pledge counts there as reported. */
    public Map<String, List<Interval>> reportedIn() {
        Interval reported = reported();
        Map<String, List<Interval>> byScope = new TreeMap<>();
        if (reported == null) {
            return byScope;
        }
        for (Stretch s : stretches()) {
            Interval days = s.days().and(reported);
            if (!days.isEmpty()) {
                scopes(s.content()).forEach(scope -> byScope.computeIfAbsent(scope, k -> new ArrayList<>()).add(days));
            }
        }
        return byScope;
    }

    /**
     * Everything this pledge adds to the figures, day by day: on each stretch, what its content adds. Reporting
     * standing is read from the schedule reporting-service published (see {@link #standing}); it does not depend on
     * the content, only where it counts does.
     */
    public Deltas contribution() {
        Deltas d = new Deltas();
        Interval counted = counted();
        if (counted == null) {
            return d;
        }
        Interval reported = reported();
        List<Standing> standing = standing(counted);
        for (Stretch stretch : stretches()) {
            ValidatedContent c = stretch.content();
            Interval days = stretch.days();
            Interval rep = reported == null ? null : days.and(reported);
            BigDecimal value = c.usd() == null ? BigDecimal.ZERO : c.usd();
            for (String scope : headlineScopes(c)) {
                cell(d, scope, Dim.ALL, Dim.NO_KEY, days, rep, value);
                cell(d, scope, Dim.STAKEHOLDER_TYPE, stakeholderType, days, rep, value);
                c.focusAreas().forEach(k -> cell(d, scope, Dim.FOCUS_AREA, k, days, rep, value));
                c.pillars().forEach(k -> cell(d, scope, Dim.PILLAR, k, days, rep, value));
                c.types().forEach(k -> cell(d, scope, Dim.TYPE, k, days, rep, value));
                c.unGroups().forEach(k -> cell(d, scope, Dim.UN_GROUP, k, days, rep, value));
                c.sdgs().forEach(k -> cell(d, scope, Dim.SDG, String.valueOf(k), days, rep, value));
                standing.forEach(st -> d.count(scope, Dim.COMPLIANCE, st.key(), st.days().and(days), BigDecimal.ZERO));
            }
            if (!c.countries().isEmpty()) {
                // The brief's figures, computed once and added to each country's scope.
                Deltas brief = new Deltas();
                String scope = "";
                cell(brief, scope, Dim.ALL, Dim.NO_KEY, days, rep, value);
                cell(brief, scope, Dim.STAKEHOLDER_TYPE, stakeholderType, days, rep, value);
                c.targets().forEach(k -> brief.count(scope, Dim.TARGET, k, days, BigDecimal.ZERO));
                endDates(brief, scope, c.endDate(), days, rep);
                reportsInForce(brief, scope, days);
                for (String country : c.countries()) {
                    brief.cells().forEach((cell, change) -> d.add(Dim.country(country), cell.dim(), cell.key(), cell.day(),
                            change.count(), change.usd(), change.reported()));
                }
            }
        }
        return d;
    }

    /** Ended before D (endDate < D) and reported; otherwise by its end year while running, or without end date. */
    private static void endDates(Deltas d, String scope, LocalDate endDate, Interval counted, Interval reported) {
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

    /** A reporting state (key STATE|stakeholder type) on some days. */
    private record Standing(String key, Interval days) {
    }

    /**
     * The standing on each counted day, from the published schedule only: on day D the anchor with the latest
     * {@code from} on or before D is in force; OVERDUE if D is after its due date, DUE from its {@code dueSoonFrom} to
     * the due date included, UP_TO_DATE before. A counted day before the first anchor (the schedule not arrived yet)
     * has no standing.
     */
    private List<Standing> standing(Interval counted) {
        List<Standing> standing = new ArrayList<>();
        for (int k = 0; k < schedule.size(); k++) {
            ScheduleAnchor a = schedule.get(k);
            LocalDate next = k + 1 < schedule.size() ? schedule.get(k + 1).from() : null;
            Interval days = new Interval(a.from(), next).and(counted);
            if (days.isEmpty()) {
                continue;
            }
            LocalDate late = a.dueOn().plusDays(1);
            state(standing, "UP_TO_DATE", new Interval(a.from(), a.dueSoonFrom()), days);
            state(standing, "DUE", new Interval(a.dueSoonFrom(), late), days);
            state(standing, "OVERDUE", new Interval(late, null), days);
        }
        return standing;
    }

    /** The state's days within the anchor's days. */
    private void state(List<Standing> standing, String state, Interval when, Interval days) {
        if (when.isEmpty()) {
            return;
        }
        Interval i = when.and(days);
        if (!i.isEmpty()) {
            standing.add(new Standing(state + "|" + stakeholderType, i));
        }
    }
}

package org.p2c.analytics.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The figures of docs/domain.md computed the plain way, pledge by pledge over the fixture's final states: what the
 * service's answers must equal. A pledge counts on D with the content it had on D: that of its last revision validated
 * on or before D. Shares among the nested objects reuse nothing of the service.
 */
final class Expected {

    private final Fixture world;
    private final Map<UUID, Fixture.Entity> entities = new HashMap<>();
    private final Map<UUID, List<Fixture.Report>> reportsByPledge = new HashMap<>();

    Expected(Fixture world) {
        this.world = world;
        world.entities.forEach(e -> entities.put(e.id(), e));
        world.reports.forEach(r -> reportsByPledge.computeIfAbsent(r.pledgeId(), p -> new ArrayList<>()).add(r));
    }

    static LocalDate day(Instant i) {
        return i.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Validated on or before D (end of day, UTC) and not withdrawn on or before D. */
    boolean counted(Fixture.Pledge p, LocalDate d) {
        return p.validatedAt() != null && !day(p.validatedAt()).isAfter(d)
                && (p.withdrawnAt() == null || day(p.withdrawnAt()).isAfter(d));
    }

    /** The pledge as it stood on D: the content of its last revision validated on or before D. */
    static Fixture.Content contentOn(Fixture.Pledge p, LocalDate d) {
        Fixture.Content content = null;
        for (Fixture.Revision r : p.revisions()) {
            if (!day(r.validatedAt()).isAfter(d)) {
                content = r.content();
            }
        }
        return content;
    }

    /** A counted pledge and its content on the day asked. */
    record Counted(Fixture.Pledge pledge, Fixture.Content content) {
    }

    List<Fixture.Report> submittedBy(Fixture.Pledge p, LocalDate d) {
        return reportsByPledge.getOrDefault(p.id(), List.of()).stream().filter(r -> !day(r.submittedAt()).isAfter(d)).toList();
    }

    boolean reported(Fixture.Pledge p, LocalDate d) {
        return counted(p, d) && !submittedBy(p, d).isEmpty();
    }

    List<Counted> counted(LocalDate d, Predicate<Fixture.Content> where) {
        return world.pledges.stream().filter(p -> counted(p, d)).map(p -> new Counted(p, contentOn(p, d)))
                .filter(c -> where.test(c.content())).toList();
    }

    Fixture.Entity entityOf(Fixture.Pledge p) {
        return entities.get(p.entityId());
    }

    record Category(long pledges, BigDecimal usd, long reported) {
    }

    record Headline(long pledges, BigDecimal usd, long entities, Map<String, Long> entitiesByType, long pledgerCountries,
                    long reported, long reportingEntities, Map<String, Map<String, Category>> breakdowns) {
    }

    Headline headline(LocalDate d, String region) {
        List<Counted> ps = counted(d, c -> region == null || c.regions().contains(region));
        Set<UUID> ents = ps.stream().map(c -> c.pledge().entityId()).collect(Collectors.toSet());
        Map<String, Long> byType = new TreeMap<>();
        ents.forEach(e -> byType.merge(entities.get(e).stakeholderType(), 1L, Long::sum));
        Set<String> countries = ents.stream().map(e -> entities.get(e).hq()).collect(Collectors.toSet());
        List<Counted> rep = ps.stream().filter(c -> reported(c.pledge(), d)).toList();
        Set<UUID> reportingEntities = rep.stream().map(c -> c.pledge().entityId()).collect(Collectors.toSet());
        Map<String, Map<String, Category>> breakdowns = new LinkedHashMap<>();
        breakdowns.put("byFocusArea", categories(ps, d, Fixture.Content::focusAreas));
        breakdowns.put("byPillar", categories(ps, d, Fixture.Content::pillars));
        breakdowns.put("byType", categories(ps, d, Fixture.Content::types));
        breakdowns.put("byUnGroup", categories(ps, d, p -> {
            List<String> g = new ArrayList<>();
            if (p.ldc()) g.add("LDC");
            if (p.lldc()) g.add("LLDC");
            if (p.sids()) g.add("SIDS");
            return g;
        }));
        breakdowns.put("bySdg", categories(ps, d, p -> p.sdgs().stream().map(String::valueOf).toList()));
        return new Headline(ps.size(), usd(ps), ents.size(), byType, countries.size(), rep.size(), reportingEntities.size(),
                breakdowns);
    }

    private Map<String, Category> categories(List<Counted> ps, LocalDate d, Function<Fixture.Content, List<String>> keys) {
        Map<String, Category> out = new TreeMap<>();
        for (Counted p : ps) {
            for (String k : keys.apply(p.content())) {
                Category c = out.getOrDefault(k, new Category(0, BigDecimal.ZERO, 0));
                BigDecimal usd = p.content().usd() == null ? BigDecimal.ZERO : p.content().usd();
                out.put(k, new Category(c.pledges() + 1, c.usd().add(usd), c.reported() + (reported(p.pledge(), d) ? 1 : 0)));
            }
        }
        return out;
    }

    static BigDecimal usd(List<Counted> ps) {
        return ps.stream().map(p -> p.content().usd() == null ? BigDecimal.ZERO : p.content().usd())
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
    }

    static BigDecimal percent(long part, long whole) {
        return whole == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }

    record Brief(long pledges, BigDecimal usd, long entities, long pledgerCountries, long reported,
                 Map<String, Long> pledgesByType, Map<String, Long> reportedByType, Map<String, Long> completion,
                 long ended, long endedWithReports, long endingThisYear, Map<String, Long> laterByYear, long noEndDate,
                 Map<String, Long> targets, Map<String, Long> challenges, Map<String, Long> solutions) {
    }

    Brief country(String country, LocalDate d) {
        List<Counted> ps = counted(d, c -> c.countries().contains(country));
        Map<String, Long> byType = new TreeMap<>();
        Map<String, Long> reportedByType = new TreeMap<>();
        Map<String, Long> completion = new TreeMap<>();
        Map<String, Long> later = new TreeMap<>();
        Map<String, Long> targets = new TreeMap<>();
        Map<String, Long> challenges = new TreeMap<>();
        Map<String, Long> solutions = new TreeMap<>();
        long reported = 0, ended = 0, endedReported = 0, thisYear = 0, noEnd = 0;
        for (Counted counted : ps) {
            Fixture.Pledge p = counted.pledge();
            Fixture.Content content = counted.content();
            String type = entityOf(p).stakeholderType();
            byType.merge(type, 1L, Long::sum);
            List<Fixture.Report> submitted = submittedBy(p, d);
            if (!submitted.isEmpty()) {
                reported++;
                reportedByType.merge(type, 1L, Long::sum);
                completion.merge(lastReport(submitted, d).completionStatus(), 1L, Long::sum);
            }
            LocalDate end = content.endDate();
            if (end == null) {
                noEnd++;
            } else if (end.isBefore(d)) {
                ended++;
                endedReported += submitted.isEmpty() ? 0 : 1;
            } else if (end.getYear() == d.getYear()) {
                thisYear++;
            } else {
                later.merge(String.valueOf(end.getYear()), 1L, Long::sum);
            }
            content.targets().forEach(t -> targets.merge(t, 1L, Long::sum));
            Set<String> ch = new HashSet<>();
            Set<String> so = new HashSet<>();
            for (Fixture.Report r : submitted) {
                if (!supersededBy(r, d)) {
                    ch.addAll(r.challenges());
                    so.addAll(r.solutions());
                }
            }
            ch.forEach(c -> challenges.merge(c, 1L, Long::sum));
            so.forEach(s -> solutions.merge(s, 1L, Long::sum));
        }
        long ents = ps.stream().map(c -> c.pledge().entityId()).distinct().count();
        long hqs = ps.stream().map(c -> entityOf(c.pledge()).hq()).distinct().count();
        return new Brief(ps.size(), usd(ps), ents, hqs, reported, byType, reportedByType, completion, ended, endedReported,
                thisYear, later, noEnd, targets, challenges, solutions);
    }

    static boolean supersededBy(Fixture.Report r, LocalDate d) {
        return r.supersededAt() != null && !day(r.supersededAt()).isAfter(d);
    }

    /** The last report submitted on or before D; one superseded by then gives way to its correction. */
    static Fixture.Report lastReport(List<Fixture.Report> submitted, LocalDate d) {
        return submitted.stream().max(Comparator.<Fixture.Report, Boolean>comparing(r -> !supersededBy(r, d))
                .thenComparing(Fixture.Report::submittedAt)).orElseThrow();
    }

    /** state → stakeholder type (or region) → counted pledges, by reporting-service's rule. */
    Map<String, Map<String, Long>> compliance(LocalDate d, boolean byRegion) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (Counted counted : counted(d, c -> true)) {
            Fixture.Pledge p = counted.pledge();
            LocalDate anchor = day(p.validatedAt());
            for (Fixture.Report r : submittedBy(p, d)) {
                if (day(r.submittedAt()).isAfter(anchor)) {
                    anchor = day(r.submittedAt());
                }
            }
            LocalDate due = anchor.plusYears(1);
            String state = d.isAfter(due) ? "OVERDUE" : !d.isBefore(due.minusDays(30)) ? "DUE" : "UP_TO_DATE";
            List<String> keys = byRegion ? counted.content().regions() : List.of(entityOf(p).stakeholderType());
            keys.forEach(k -> out.computeIfAbsent(state, s -> new TreeMap<>()).merge(k, 1L, Long::sum));
        }
        return out;
    }
}

package org.p2c.analytics.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pledge revised over time adds, on every day, what the content in force that day adds: the per-day changes of a
 * pledge with a timeline of validated contents, summed up to any day D, equal those of the same pledge holding only
 * the content in force on D (the latest revision validated on or before D), summed up to D.
 */
class ContentTimelineTest {

    static final LocalDate ORIGIN = LocalDate.of(2023, 12, 20);
    static final Period CADENCE = Period.ofDays(60);
    static final Period DUE_SOON = Period.ofDays(10);

    @Property(tries = 300)
    void everyDayAddsTheContentInForceThatDay(@ForAll("revisedPledges") PledgeFacts pledge) {
        Map<LocalDate, Map<String, String>> byDay = figuresByDay(pledge.contribution());
        Map<ValidatedContent, Map<LocalDate, Map<String, String>>> single = new java.util.HashMap<>();
        for (LocalDate d = first(); d.isBefore(last()); d = d.plusDays(1)) {
            ValidatedContent inForce = inForceOn(pledge.contents(), d);
            Map<String, String> expected = single.computeIfAbsent(inForce, c -> figuresByDay(
                    pledge.withContents(List.of(c)).contribution())).get(d);
            assertThat(byDay.get(d)).as("figures as of %s, content of revision %d in force", d, inForce.revision())
                    .isEqualTo(expected);
        }
    }

    @Property(tries = 300)
    void anEntityCountsInTheScopesOfTheContentInForce(@ForAll("revisedPledges") PledgeFacts pledge) {
        Map<String, List<Interval>> counted = pledge.countedIn();
        Map<String, List<Interval>> reported = pledge.reportedIn();
        for (LocalDate d = first(); d.isBefore(last()); d = d.plusDays(1)) {
            LocalDate day = d;
            Set<String> scopes = countsOn(pledge, d) ? scopesOf(inForceOn(pledge.contents(), d)) : Set.of();
            boolean isReported = countsOn(pledge, d) && pledge.reports().stream()
                    .anyMatch(r -> !r.submittedAt().atZone(ZoneOffset.UTC).toLocalDate().isAfter(day));
            assertThat(scopesOn(counted, d)).as("counted in, %s", d).isEqualTo(scopes);
            assertThat(scopesOn(reported, d)).as("reported in, %s", d).isEqualTo(isReported ? scopes : Set.of());
        }
    }

    @Property(tries = 300)
    void contentsArrivingInAnyOrderAndAgainGiveOneTimeline(@ForAll("arrivals") List<ValidatedContent> arrivals,
                                                          @ForAll Random random) {
        List<ValidatedContent> shuffled = new ArrayList<>(arrivals);
        Collections.shuffle(shuffled, random);
        shuffled.addAll(arrivals.subList(0, arrivals.size() / 2));
        List<ValidatedContent> inOrder = List.of();
        for (ValidatedContent c : arrivals) {
            inOrder = ValidatedContent.merge(inOrder, c);
        }
        List<ValidatedContent> anyOrder = List.of();
        for (ValidatedContent c : shuffled) {
            anyOrder = ValidatedContent.merge(anyOrder, c);
        }
        assertThat(anyOrder).isEqualTo(inOrder);
        // One content per revision, in revision order: the one of the newest event of that revision.
        Map<Integer, ValidatedContent> newest = new TreeMap<>();
        arrivals.forEach(c -> newest.merge(c.revision(), c, (a, b) -> a.version() >= b.version() ? a : b));
        assertThat(anyOrder).containsExactlyElementsOf(newest.values());
        assertThat(ValidatedContent.fromJson(ValidatedContent.toJson(anyOrder))).isEqualTo(anyOrder);
    }

    // --- the plain way ---------------------------------------------------------------------------------------

    /** The latest revision validated on or before D; the earliest known one before them all. */
    static ValidatedContent inForceOn(List<ValidatedContent> contents, LocalDate d) {
        ValidatedContent latest = null;
        ValidatedContent earliest = null;
        for (ValidatedContent c : contents) {
            if (earliest == null || c.revision() < earliest.revision()) {
                earliest = c;
            }
            if (!c.from().isAfter(d) && (latest == null || c.revision() > latest.revision())) {
                latest = c;
            }
        }
        return latest != null ? latest : earliest;
    }

    static boolean countsOn(PledgeFacts p, LocalDate d) {
        return !p.validatedDay().isAfter(d) && (p.withdrawnDay() == null || p.withdrawnDay().isAfter(d));
    }

    static Set<String> scopesOf(ValidatedContent c) {
        Set<String> scopes = new TreeSet<>();
        scopes.add(Dim.WORLD);
        scopes.addAll(c.regions());
        c.countries().forEach(country -> scopes.add(Dim.country(country)));
        return scopes;
    }

    static Set<String> scopesOn(Map<String, List<Interval>> byScope, LocalDate d) {
        Set<String> scopes = new TreeSet<>();
        byScope.forEach((scope, intervals) -> {
            if (intervals.stream().anyMatch(i -> !i.from().isAfter(d) && (i.to() == null || i.to().isAfter(d)))) {
                scopes.add(scope);
            }
        });
        return scopes;
    }

    /** Every figure (scope, dim, key → count / usd / reported, zeros left out) as of the end of each day of the range. */
    static Map<LocalDate, Map<String, String>> figuresByDay(Deltas deltas) {
        TreeMap<LocalDate, List<Map.Entry<Deltas.Cell, Deltas.Change>>> byDay = new TreeMap<>();
        deltas.cells().entrySet().forEach(e -> byDay.computeIfAbsent(e.getKey().day(), d -> new ArrayList<>()).add(e));
        Map<String, Object[]> running = new TreeMap<>();
        Map<LocalDate, Map<String, String>> out = new TreeMap<>();
        var pending = byDay.entrySet().iterator();
        var next = pending.hasNext() ? pending.next() : null;
        for (LocalDate d = first().minusYears(1); d.isBefore(last()); d = d.plusDays(1)) {
            while (next != null && !next.getKey().isAfter(d)) {
                for (var e : next.getValue()) {
                    Deltas.Cell c = e.getKey();
                    Object[] sum = running.computeIfAbsent(c.scope() + " " + c.dim() + " " + c.key(),
                            k -> new Object[]{0L, BigDecimal.ZERO, 0L});
                    sum[0] = (Long) sum[0] + e.getValue().count();
                    sum[1] = ((BigDecimal) sum[1]).add(e.getValue().usd());
                    sum[2] = (Long) sum[2] + e.getValue().reported();
                }
                next = pending.hasNext() ? pending.next() : null;
            }
            Map<String, String> figures = new TreeMap<>();
            running.forEach((k, v) -> {
                if ((Long) v[0] != 0 || ((BigDecimal) v[1]).signum() != 0 || (Long) v[2] != 0) {
                    figures.put(k, v[0] + " / " + ((BigDecimal) v[1]).setScale(2) + " / " + v[2]);
                }
            });
            out.put(d, figures);
        }
        return out;
    }

    static LocalDate first() {
        return ORIGIN.minusDays(3);
    }

    static LocalDate last() {
        return ORIGIN.plusDays(260);
    }

    // --- generators ------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<PledgeFacts> revisedPledges() {
        Arbitrary<Integer> validated = Arbitraries.integers().between(0, 20);
        Arbitrary<Integer> withdrawnAfter = Arbitraries.integers().between(0, 200).injectNull(0.5);
        Arbitrary<List<Integer>> revisionNumbers = Arbitraries.integers().between(1, 6).set().ofMinSize(1).ofMaxSize(4)
                .map(s -> s.stream().sorted().toList());
        Arbitrary<List<Integer>> revisionDays = Arbitraries.integers().between(-5, 200).list().ofSize(4);
        Arbitrary<List<ValidatedContent>> contents = content().list().ofSize(4);
        Arbitrary<List<ReportFacts>> reports = report().list().ofMaxSize(3);
        Arbitrary<String> stakeholderType = Arbitraries.of("GOVERNMENT", "PRIVATE_SECTOR");
        return Combinators.combine(validated, withdrawnAfter, revisionNumbers, revisionDays, contents, reports, stakeholderType)
                .as((v, w, numbers, days, bodies, rs, type) -> {
                    LocalDate validatedDay = ORIGIN.plusDays(v);
                    List<ValidatedContent> timeline = new ArrayList<>();
                    for (int i = 0; i < numbers.size(); i++) {
                        int revision = numbers.get(i);
                        // The first revision takes effect on the validation day; later ones on days of their own.
                        LocalDate from = revision == 1 ? validatedDay : validatedDay.plusDays(days.get(i));
                        ValidatedContent b = bodies.get(i);
                        timeline.add(new ValidatedContent(revision, i + 1, from, b.usd(), b.countries(), b.regions(), b.types(),
                                b.pillars(), b.focusAreas(), b.unGroups(), b.sdgs(), b.targets(), b.endDate()));
                    }
                    List<ReportFacts> shifted = rs.stream().map(r -> new ReportFacts(r.id(),
                            r.submittedAt().plusSeconds(86400L * v), r.supersededAt() == null ? null : r.supersededAt().plusSeconds(86400L * v),
                            r.completionStatus(), r.challengeCategories(), r.solutionCategories())).toList();
                    return new PledgeFacts(UUID.randomUUID(), UUID.randomUUID(), validatedDay,
                            w == null ? null : validatedDay.plusDays(w), timeline, type, shifted,
                            TestSchedules.of(validatedDay, shifted.stream().map(ReportFacts::submittedDay).toList(),
                                    CADENCE, DUE_SOON));
                });
    }

    @Provide
    Arbitrary<List<ValidatedContent>> arrivals() {
        // Distinct events (version), each carrying one revision; some revisions come in several events.
        return Combinators.combine(Arbitraries.integers().between(1, 4).list().ofMinSize(1).ofMaxSize(8),
                        content().list().ofSize(8))
                .as((revisions, bodies) -> {
                    List<ValidatedContent> out = new ArrayList<>();
                    for (int i = 0; i < revisions.size(); i++) {
                        ValidatedContent b = bodies.get(i);
                        out.add(new ValidatedContent(revisions.get(i), 10L + i, ORIGIN.plusDays(revisions.get(i) * 30L), b.usd(),
                                b.countries(), b.regions(), b.types(), b.pillars(), b.focusAreas(), b.unGroups(), b.sdgs(),
                                b.targets(), b.endDate()));
                    }
                    return out;
                });
    }

    /** A content with a few of everything, so revisions move pledges between scopes and categories. */
    static Arbitrary<ValidatedContent> content() {
        Arbitrary<BigDecimal> usd = Arbitraries.longs().between(0, 1_000_000).map(n -> BigDecimal.valueOf(n, 2)).injectNull(0.2);
        Arbitrary<List<String>> countries = subset("KHM", "LAO", "KEN", "FRA");
        Arbitrary<List<String>> regions = subset("ASIA_PACIFIC", "AFRICA", "EUROPE");
        Arbitrary<List<String>> types = subset("FINANCIAL", "POLICY");
        Arbitrary<List<String>> pillars = subset("SKILLS", "INFRASTRUCTURE", "INCLUSION");
        Arbitrary<List<String>> unGroups = subset("LDC", "SIDS");
        Arbitrary<List<Integer>> sdgs = Arbitraries.integers().between(1, 4).set().ofMaxSize(2).map(s -> s.stream().sorted().toList());
        Arbitrary<List<String>> targets = subset("ACC-SCHOOLS", "ADO-GENDER-PARITY");
        Arbitrary<LocalDate> endDate = Arbitraries.integers().between(-30, 250).map(ORIGIN::plusDays).injectNull(0.2);
        return Combinators.combine(usd, countries, regions, types, pillars, unGroups, sdgs, targets)
                .flatAs((u, c, r, t, p, g, s, tg) -> endDate.map(end -> new ValidatedContent(1, 1, ORIGIN, u, c, r, t,
                        p, p.stream().map(x -> x.equals("INFRASTRUCTURE") ? "ACCESS" : "ADOPTION").distinct().sorted().toList(),
                        g, s, tg, end)));
    }

    static Arbitrary<ReportFacts> report() {
        Arbitrary<Integer> submitted = Arbitraries.integers().between(-20, 200);
        Arbitrary<Integer> supersededAfter = Arbitraries.integers().between(0, 60).injectNull(0.6);
        Arbitrary<String> status = Arbitraries.of("PLANNING_PHASE", "IN_PROGRESS", "COMPLETED");
        Arbitrary<List<String>> challenges = subset("FINANCIAL", "TECHNICAL");
        Arbitrary<List<String>> solutions = subset("FUNDING", "PARTNERSHIPS");
        return Combinators.combine(submitted, supersededAfter, status, challenges, solutions)
                .as((s, sup, st, ch, so) -> {
                    var at = ORIGIN.plusDays(s).atTime(10, 0).toInstant(ZoneOffset.UTC);
                    return new ReportFacts(UUID.randomUUID().toString(), at, sup == null ? null : at.plusSeconds(3600 + 86400L * sup),
                            st, ch, so);
                });
    }

    static Arbitrary<List<String>> subset(String... values) {
        return Arbitraries.of(values).set().ofMaxSize(values.length).map(s -> s.stream().sorted().toList());
    }
}

package org.p2c.analytics.service;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.p2c.analytics.api.Answers;
import org.p2c.analytics.api.Answers.Breakdown;
import org.p2c.analytics.api.Answers.Figures;
import org.p2c.analytics.api.Answers.KeyCount;
import org.p2c.analytics.config.AnalyticsRules;
import org.p2c.analytics.domain.Dim;
import org.p2c.analytics.domain.ItuRegion;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers from the projections. The figures of a scope (the world, a region, a country) are sums of the per-month
 * and per-day changes up to the date: no pledge is read.
 * "As of D" means at the end of day D (UTC): everything validated, withdrawn or reported on D is in.
 */
@ApplicationScoped
public class FigureQueries {

    public static final List<String> STAKEHOLDER_TYPES = List.of("GOVERNMENT", "PRIVATE_SECTOR", "UN_AGENCY",
            "INTERNATIONAL_OR_REGIONAL_ORGANIZATION", "CIVIL_SOCIETY_ACADEMIA_RESEARCH", "YOUTH_MEDIA_ENTERTAINMENT", "OTHER");
    public static final List<String> COMPLETION_STATUSES = List.of("NOT_STARTED", "PLANNING_PHASE", "IN_PROGRESS",
            "COMPLETED", "DISCONTINUED");

    private final AgroalDataSource db;
    private final AnalyticsRules rules;

    public FigureQueries(AgroalDataSource db, AnalyticsRules rules) {
        this.db = db;
        this.rules = rules;
    }

    private record Sum(long count, BigDecimal usd, long reported) {
        static final Sum NONE = new Sum(0, BigDecimal.ZERO, 0);
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(Work<T> work) {
        try (Connection c = db.getConnection()) {
            c.setReadOnly(true);
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("analytics query failed", e);
        }
    }

    public Answers.Freshness freshness() {
        return read(this::freshness);
    }

    private Answers.Freshness freshness(Connection c) throws SQLException {
        try (var rs = c.createStatement().executeQuery("select last_event_at, last_change_at from projection_state")) {
            rs.next();
            Timestamp applied = rs.getTimestamp(1);
            Timestamp change = rs.getTimestamp(2);
            return new Answers.Freshness(applied == null ? null : applied.toInstant(), change == null ? null : change.toInstant());
        }
    }

    /** dim → key → sum of every figure of a scope (all but compliance) as of the end of {@code asOf}. */
    private static Map<String, Map<String, Sum>> figureSums(Connection c, String scope, LocalDate asOf) throws SQLException {
        Map<String, Map<String, Sum>> sums = new HashMap<>();
        try (PreparedStatement q = sumsAsOf(c, scope, asOf, "dim <> ?", Dim.COMPLIANCE)) {
            ResultSet rs = q.executeQuery();
            while (rs.next()) {
                sums.computeIfAbsent(rs.getString(1), d -> new HashMap<>())
                        .put(rs.getString(2), new Sum(rs.getLong(3), rs.getBigDecimal(4), rs.getLong(5)));
            }
        }
        return sums;
    }

    /** The scope's figures as of the end of {@code asOf}. */
    public Figures figures(String scope, LocalDate asOf) {
        return read(c -> figures(c, scope, asOf));
    }

    private Figures figures(Connection c, String scope, LocalDate asOf) throws SQLException {
        Map<String, Map<String, Sum>> sums = figureSums(c, scope, asOf);
        Sum all = sums.getOrDefault(Dim.ALL, Map.of()).getOrDefault(Dim.NO_KEY, Sum.NONE);
        Map<String, Sum> entities = sums.getOrDefault(Dim.ENTITY, Map.of());
        long entityCount = total(sums, Dim.ENTITY);
        List<Answers.Share> shares = new ArrayList<>();
        for (String type : STAKEHOLDER_TYPES) {
            long n = entities.containsKey(type) ? entities.get(type).count() : 0;
            shares.add(new Answers.Share(type, n, percent(n, entityCount)));
        }
        long countries = total(sums, Dim.PLEDGER_COUNTRY);
        long reporting = total(sums, Dim.REPORTING_ENTITY);
        BigDecimal value = usd(all.usd());
        BigDecimal goal = rules.goalUsd();
        return new Figures(scope, asOf, freshness(c), all.count(), value.toPlainString(), entityCount, shares, countries,
                all.reported(), reporting,
                new Answers.Goal(goal.toPlainString(), value.multiply(BigDecimal.valueOf(100)).divide(goal, 2, RoundingMode.HALF_UP)),
                breakdown(sums, Dim.FOCUS_AREA, Comparator.naturalOrder()),
                breakdown(sums, Dim.PILLAR, Comparator.naturalOrder()),
                breakdown(sums, Dim.TYPE, Comparator.naturalOrder()),
                breakdown(sums, Dim.UN_GROUP, Comparator.naturalOrder()),
                breakdown(sums, Dim.SDG, Comparator.comparingInt(Integer::parseInt)));
    }

    /** Categories with at least one counted pledge, in the categories' order. */
    private static List<Breakdown> breakdown(Map<String, Map<String, Sum>> sums, String dim, Comparator<String> order) {
        return sums.getOrDefault(dim, Map.of()).entrySet().stream()
                .filter(e -> e.getValue().count() != 0)
                .sorted(Map.Entry.comparingByKey(order))
                .map(e -> new Breakdown(e.getKey(), e.getValue().count(), usd(e.getValue().usd()).toPlainString(),
                        e.getValue().reported()))
                .toList();
    }

    public Answers.Comparison comparison(String scope, LocalDate first, LocalDate second) {
        return read(c -> {
            Figures a = figures(c, scope, first);
            Figures b = figures(c, scope, second);
            return new Answers.Comparison(scope, freshness(c), a, b, new Answers.Change(b.pledges() - a.pledges(),
                    new BigDecimal(b.estimatedValueUsd()).subtract(new BigDecimal(a.estimatedValueUsd())).toPlainString(),
                    b.entities() - a.entities(), b.pledgerCountries() - a.pledgerCountries(),
                    b.reportedPledges() - a.reportedPledges(), b.reportingEntities() - a.reportingEntities()));
        });
    }

    /** Month by month up to asOf's month: counted pledges and value at each month's end (asOf in the last). */
    public Answers.TimeSeries months(String scope, YearMonth from, LocalDate asOf) {
        return read(c -> {
            TreeMap<LocalDate, Sum> byDay = new TreeMap<>();
            try (PreparedStatement q = c.prepareStatement("""
                    select day, sum(d_count), sum(d_usd) from daily_total
                     where scope = ? and dim = ? and key = ? and day <= ? group by day""")) {
                q.setString(1, scope);
                q.setString(2, Dim.ALL);
                q.setString(3, Dim.NO_KEY);
                q.setObject(4, asOf);
                ResultSet rs = q.executeQuery();
                while (rs.next()) {
                    byDay.put(rs.getObject(1, LocalDate.class), new Sum(rs.getLong(2), rs.getBigDecimal(3), 0));
                }
            }
            YearMonth first = from != null ? from
                    : byDay.entrySet().stream().filter(e -> e.getValue().count() != 0 || e.getValue().usd().signum() != 0)
                    .findFirst().map(e -> YearMonth.from(e.getKey())).orElse(YearMonth.from(asOf));
            List<Answers.MonthPoint> points = new ArrayList<>();
            long pledges = 0;
            BigDecimal value = BigDecimal.ZERO;
            var days = byDay.entrySet().iterator();
            var pending = days.hasNext() ? days.next() : null;
            long before = 0;
            BigDecimal valueBefore = BigDecimal.ZERO;
            for (YearMonth m = first.minusMonths(1); !m.isAfter(YearMonth.from(asOf)); m = m.plusMonths(1)) {
                LocalDate end = m.atEndOfMonth().isAfter(asOf) ? asOf : m.atEndOfMonth();
                while (pending != null && !pending.getKey().isAfter(end)) {
                    pledges += pending.getValue().count();
                    value = value.add(pending.getValue().usd());
                    pending = days.hasNext() ? days.next() : null;
                }
                if (!m.isBefore(first)) {
                    points.add(new Answers.MonthPoint(m.toString(), end, pledges, usd(value).toPlainString(),
                            pledges - before, usd(value.subtract(valueBefore)).toPlainString()));
                }
                before = pledges;
                valueBefore = value;
            }
            return new Answers.TimeSeries(scope, asOf, freshness(c), points);
        });
    }

    /** Counted pledges by reporting standing, by the pledger's stakeholder type and by region. */
    public Answers.Compliance compliance(LocalDate asOf) {
        return read(c -> {
            Map<String, Map<String, Long>> world = standing(c, Dim.WORLD, asOf);
            List<Answers.Standing> byType = new ArrayList<>();
            long[] totals = new long[3];
            for (String type : STAKEHOLDER_TYPES) {
                Answers.Standing s = standingOf(type, world, type);
                totals[0] += s.upToDate();
                totals[1] += s.due();
                totals[2] += s.overdue();
                byType.add(s);
            }
            List<Answers.Standing> byRegion = new ArrayList<>();
            for (ItuRegion region : ItuRegion.values()) {
                Map<String, Map<String, Long>> r = standing(c, region.name(), asOf);
                byRegion.add(new Answers.Standing(region.name(), sum(r, "UP_TO_DATE"), sum(r, "DUE"), sum(r, "OVERDUE")));
            }
            return new Answers.Compliance(asOf, freshness(c), totals[0], totals[1], totals[2], byType, byRegion);
        });
    }

    private static Answers.Standing standingOf(String key, Map<String, Map<String, Long>> byState, String type) {
        return new Answers.Standing(key, byState.getOrDefault("UP_TO_DATE", Map.of()).getOrDefault(type, 0L),
                byState.getOrDefault("DUE", Map.of()).getOrDefault(type, 0L),
                byState.getOrDefault("OVERDUE", Map.of()).getOrDefault(type, 0L));
    }

    private static long sum(Map<String, Map<String, Long>> byState, String state) {
        return byState.getOrDefault(state, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    /** state → stakeholder type → pledges. */
    private static Map<String, Map<String, Long>> standing(Connection c, String scope, LocalDate asOf) throws SQLException {
        Map<String, Map<String, Long>> byState = new HashMap<>();
        try (PreparedStatement q = sumsAsOf(c, scope, asOf, "dim = ?", Dim.COMPLIANCE)) {
            ResultSet rs = q.executeQuery();
            while (rs.next()) {
                String[] stateAndType = rs.getString(2).split("\\|", 2);
                byState.computeIfAbsent(stateAndType[0], s -> new HashMap<>()).put(stateAndType[1], rs.getLong(3));
            }
        }
        return byState;
    }

    /**
     * (dim, key, count, usd, reported) of a scope as of the end of {@code asOf}: the monthly sums of the months before
     * asOf's month plus the daily changes of its month up to asOf. {@code filter} is a constant condition on dim.
     */
    private static PreparedStatement sumsAsOf(Connection c, String scope, LocalDate asOf, String filter, String dim)
            throws SQLException {
        PreparedStatement q = c.prepareStatement("""
                select dim, key, sum(n), sum(u), sum(r) from (
                    select dim, key, d_count n, d_usd u, d_reported r from monthly_total
                     where scope = ? and month < date_trunc('month', cast(? as date)) and %1$s
                    union all
                    select dim, key, d_count, d_usd, d_reported from daily_total
                     where scope = ? and day >= date_trunc('month', cast(? as date)) and day <= ? and %1$s
                ) t group by dim, key""".formatted(filter));
        q.setString(1, scope);
        q.setObject(2, asOf);
        q.setString(3, dim);
        q.setString(4, scope);
        q.setObject(5, asOf);
        q.setObject(6, asOf);
        q.setString(7, dim);
        return q;
    }

    /** The brief of one country, from the per-day changes of its scope as of the end of asOf. */
    public Answers.CountryBrief country(String country, LocalDate asOf) {
        return read(c -> {
            Map<String, Map<String, Sum>> sums = figureSums(c, Dim.country(country), asOf);
            Sum all = sums.getOrDefault(Dim.ALL, Map.of()).getOrDefault(Dim.NO_KEY, Sum.NONE);
            Map<String, Sum> byType = sums.getOrDefault(Dim.STAKEHOLDER_TYPE, Map.of());
            Map<String, Sum> ends = sums.getOrDefault(Dim.END, Map.of());
            Sum ended = ends.getOrDefault(Dim.ENDED, Sum.NONE);
            int year = asOf.getYear();
            List<KeyCount> later = ends.entrySet().stream()
                    .filter(e -> e.getKey().matches("\\d{4}") && Integer.parseInt(e.getKey()) > year && e.getValue().count() != 0)
                    .sorted(Map.Entry.comparingByKey())
                    .map(e -> new KeyCount(e.getKey(), e.getValue().count())).toList();
            return new Answers.CountryBrief(country, asOf, freshness(c), all.count(), usd(all.usd()).toPlainString(),
                    total(sums, Dim.ENTITY), total(sums, Dim.PLEDGER_COUNTRY), all.reported(),
                    percent(all.reported(), all.count()),
                    every(STAKEHOLDER_TYPES, byType, Sum::count), every(STAKEHOLDER_TYPES, byType, Sum::reported),
                    every(COMPLETION_STATUSES, sums.getOrDefault(Dim.COMPLETION, Map.of()), Sum::count),
                    new Answers.EndDates(ended.count(), ended.reported(), year,
                            ends.getOrDefault(String.valueOf(year), Sum.NONE).count(), later,
                            ends.getOrDefault(Dim.NO_END_DATE, Sum.NONE).count()),
                    mostCommon(sums, Dim.TARGET), mostCommon(sums, Dim.CHALLENGE), mostCommon(sums, Dim.SOLUTION));
        });
    }

    private static long total(Map<String, Map<String, Sum>> sums, String dim) {
        return sums.getOrDefault(dim, Map.of()).values().stream().mapToLong(Sum::count).sum();
    }

    /** Every key in its order, zeros included. */
    private static List<KeyCount> every(List<String> keys, Map<String, Sum> found, java.util.function.ToLongFunction<Sum> figure) {
        return keys.stream().map(k -> new KeyCount(k, found.containsKey(k) ? figure.applyAsLong(found.get(k)) : 0)).toList();
    }

    /** The keys with counted pledges, most common first; ties in code order. */
    private static List<KeyCount> mostCommon(Map<String, Map<String, Sum>> sums, String dim) {
        return sums.getOrDefault(dim, Map.of()).entrySet().stream()
                .filter(e -> e.getValue().count() != 0)
                .sorted(Comparator.comparing((Map.Entry<String, Sum> e) -> e.getValue().count()).reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new KeyCount(e.getKey(), e.getValue().count())).toList();
    }

    static BigDecimal percent(long part, long whole) {
        return whole == 0 ? BigDecimal.ZERO.setScale(2)
                : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal usd(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}

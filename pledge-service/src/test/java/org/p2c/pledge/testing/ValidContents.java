package org.p2c.pledge.testing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.sessions.JqwikSession;
import org.p2c.pledge.api.PledgeRequests.PledgeContent;
import org.p2c.pledge.domain.BeneficiaryGroup;
import org.p2c.pledge.domain.ItuRegion;
import org.p2c.pledge.domain.Pillar;
import org.p2c.pledge.domain.PledgeType;
import org.p2c.support.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Random pledge contents that the API accepts: any countries of the catalogue (repeats too), any named regions and a
 * primary region drawn independently of both, so that inconsistent-but-valid places (Kenya with EUROPE as primary
 * region) come up as often as consistent ones; any pillars and types; a value in any currency of the rate table on
 * any date it covers (a dollar amount on any date), with up to the 15 integer digits the API allows.
 */
public final class ValidContents {

    /**
     * From nothing to the largest amount the API takes (15 integer digits), each order of magnitude as likely as the
     * others, with no, one or two decimals; both ends of the range come up too.
     */
    private static final Arbitrary<BigDecimal> AMOUNTS = Arbitraries.frequencyOf(
            Tuple.of(19, Combinators.combine(
                    Arbitraries.oneOf(IntStream.rangeClosed(1, 15).mapToObj(digits -> Arbitraries.longs()
                            .between(digits == 1 ? 0 : pow10(digits - 1), pow10(digits) - 1)
                            .withDistribution(RandomDistribution.uniform())).toList()),
                    Arbitraries.integers().between(0, 99), Arbitraries.integers().between(0, 2))
                    .as((whole, cents, scale) -> BigDecimal.valueOf(whole).add(BigDecimal.valueOf(cents, 2))
                            .setScale(scale, RoundingMode.DOWN))),
            Tuple.of(1, Arbitraries.of(BigDecimal.ZERO, new BigDecimal("999999999999999.99"))));

    /**
     * A value in a currency of the rate table on a date it covers, or in dollars (its own value, on any date) about
     * as often as in four other currencies. Built once rather than per sample: jqwik would otherwise build its
     * generators anew for every sample.
     */
    private static final Arbitrary<Money> VALUES = Arbitraries.frequencyOf(moneyByCurrency());

    private ValidContents() {
    }

    /** What a draft may say: places, value, texts and dates may be missing. */
    public static Arbitrary<PledgeContent> drafts() {
        return contents(false);
    }

    /** What can be submitted: complete, with a primary region unless GLOBAL and a value if FINANCIAL. */
    public static Arbitrary<PledgeContent> submittable() {
        return contents(true);
    }

    /**
     * {@code count} samples drawn with the given seed (the same seed, the same samples), for tests that cannot run as
     * jqwik properties (a {@code @QuarkusTest}); they print the seed and the sample with any failure.
     */
    public static <T> List<T> sample(Arbitrary<T> arbitrary, int count, String seed) {
        List<T> samples = new ArrayList<>(count);
        JqwikSession.run(seed, () -> arbitrary.sampleStream().limit(count).forEach(samples::add));
        return samples;
    }

    private record Places(boolean global, List<String> countries, Set<ItuRegion> regions, ItuRegion primaryRegion) {
        boolean complete() {
            return global || (primaryRegion != null && (!countries.isEmpty() || !regions.isEmpty()));
        }
    }

    private record Texts(String title, String description, String expectedImpact) {
    }

    private record Kinds(Set<PledgeType> types, Set<Pillar> pillars, Set<BeneficiaryGroup> beneficiaryGroups,
                         Set<Integer> sdgs, List<String> targets) {
    }

    private record Dates(LocalDate startDate, LocalDate endDate) {
    }

    private static Arbitrary<PledgeContent> contents(boolean complete) {
        Arbitrary<Kinds> kinds = Combinators.combine(
                Arbitraries.of(PledgeType.class).set().ofMinSize(1),
                Arbitraries.of(Pillar.class).set().ofMinSize(1),
                Arbitraries.of(BeneficiaryGroup.class).set().ofMaxSize(4),
                Arbitraries.integers().between(1, 17).set().ofMaxSize(5),
                Arbitraries.of(ReferenceFiles.TARGETS).list().uniqueElements().ofMaxSize(3)).as(Kinds::new);
        // A FINANCIAL pledge states its value to be submitted; any other may or may not.
        return Combinators.combine(places(complete), texts(complete), kinds, dates(complete), VALUES, VALUES.injectNull(0.3))
                .as((places, texts, k, dates, value, maybeValue) -> new PledgeContent(texts.title(), texts.description(),
                        texts.expectedImpact(), k.types(), k.pillars(), places.global(), places.countries(), places.regions(),
                        places.primaryRegion(), k.beneficiaryGroups(), k.sdgs(),
                        complete && k.types().contains(PledgeType.FINANCIAL) ? value : maybeValue, k.targets(),
                        dates.startDate(), dates.endDate()));
    }

    private static Arbitrary<Places> places(boolean complete) {
        Arbitrary<Places> global = Arbitraries.just(new Places(true, List.of(), Set.of(), null));
        Arbitrary<Places> somewhere = Combinators.combine(
                Arbitraries.of(List.copyOf(ReferenceFiles.COUNTRIES.keySet())).list().ofMaxSize(6),
                Arbitraries.of(ItuRegion.class).set().ofMaxSize(3),
                // Drawn apart from the countries and the named regions: it may be any of them, or none.
                complete ? Arbitraries.of(ItuRegion.class) : Arbitraries.of(ItuRegion.class).injectNull(0.1))
                .as((countries, regions, primary) -> new Places(false, countries, regions, primary));
        Arbitrary<Places> places = Arbitraries.frequencyOf(
                Tuple.of(1, global), Tuple.of(6, somewhere));
        return complete ? places.filter(Places::complete) : places;
    }

    private static Arbitrary<Texts> texts(boolean complete) {
        Arbitrary<String> words = Arbitraries.strings().alpha().numeric().withChars(' ', '-', ',').ofMaxLength(60);
        Arbitrary<String> text = words.map(w -> "Text " + w);
        return Combinators.combine(words.map(w -> "Pledge " + w),
                        complete ? text : text.injectNull(0.3), complete ? text : text.injectNull(0.3))
                .as(Texts::new);
    }

    private static Arbitrary<Dates> dates(boolean complete) {
        Arbitrary<LocalDate> day = days(LocalDate.of(2019, 1, 1), LocalDate.of(2035, 12, 31));
        Arbitrary<Dates> dates = Combinators.combine(day, day)
                .as((a, b) -> a.isAfter(b) ? new Dates(b, a) : new Dates(a, b));
        if (complete) {
            return dates;
        }
        return Arbitraries.frequencyOf(Tuple.of(4, dates), Tuple.of(1, Arbitraries.just(new Dates(null, null))),
                Tuple.of(1, day.map(start -> new Dates(start, null))));
    }

    private static List<Tuple.Tuple2<Integer, Arbitrary<Money>>> moneyByCurrency() {
        List<Tuple.Tuple2<Integer, Arbitrary<Money>>> money = new ArrayList<>();
        ReferenceFiles.RATES.forEach((currency, years) -> money.add(Tuple.of(1, Combinators.combine(AMOUNTS,
                        days(LocalDate.of(years.firstKey(), 1, 1), LocalDate.of(years.lastKey(), 12, 31)))
                .as((amount, date) -> new Money(amount, currency, date)))));
        money.add(Tuple.of(4, Combinators.combine(AMOUNTS, days(LocalDate.of(1990, 1, 1), LocalDate.of(2040, 12, 31)))
                .as((amount, date) -> new Money(amount, "USD", date))));
        return money;
    }

    private static long pow10(int exponent) {
        return BigDecimal.TEN.pow(exponent).longValueExact();
    }

    private static Arbitrary<LocalDate> days(LocalDate first, LocalDate last) {
        return Arbitraries.longs().between(first.toEpochDay(), last.toEpochDay()).map(LocalDate::ofEpochDay);
    }
}

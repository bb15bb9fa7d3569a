package org.p2c.pledge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.p2c.pledge.api.PledgeRequests.PledgeContent;
import org.p2c.pledge.domain.ItuRegion;
import org.p2c.support.money.Money;
import org.p2c.support.money.UsdValue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a pledge's answer (or an event's data) says that follows from its content rather than being its content:
 * the regions, the LDC/LLDC/SIDS flags, the focus areas and the value in USD with the rate used. {@link #expectedOf}
 * works them out from the domain's rules and the reference files alone ({@link ReferenceFiles}), never through the
 * service's code, so a test compares the service against an independent reading of the rules.
 */
public record DerivedFields(List<String> regions, boolean ldc, boolean lldc, boolean sids, List<String> focusAreas,
                            String usd, String unitsPerUsd) {

    /** The focus area of each pillar, as docs/domain.md lists the Action Framework. */
    static final Map<String, String> FOCUS_AREA_OF_PILLAR = Map.ofEntries(
            Map.entry("INFRASTRUCTURE", "ACCESS"), Map.entry("AFFORDABILITY", "ACCESS"), Map.entry("CYBERSECURITY", "ACCESS"),
            Map.entry("SKILLS", "ADOPTION"), Map.entry("INCLUSION", "ADOPTION"),
            Map.entry("LOCAL_CONTENT_AND_SERVICES", "ADOPTION"),
            Map.entry("INNOVATION_AND_ENTREPRENEURSHIP", "VALUE_CREATION"), Map.entry("APPS_AND_SERVICES", "VALUE_CREATION"),
            Map.entry("DIGITAL_ECONOMY", "VALUE_CREATION"),
            Map.entry("INNOVATIVE_FINANCING", "ACCELERATE"), Map.entry("PROJECT_VIABILITY", "ACCELERATE"),
            Map.entry("INVESTOR_CONSTELLATION", "ACCELERATE"));

    /**
     * The rules: regions are the named ones, the primary one and the ITU regions of the countries; a flag is true when
     * any country is on its UN list; focus areas follow from the pillars; the USD value is the amount divided by the
     * units per dollar of the currency in the value date's year (to the cent, half to even), a dollar amount being its
     * own value on any date.
     */
    public static DerivedFields expectedOf(PledgeContent c) {
        TreeSet<String> regions = new TreeSet<>();
        if (c.regions() != null) {
            c.regions().forEach(r -> regions.add(r.name()));
        }
        if (c.primaryRegion() != null) {
            regions.add(c.primaryRegion().name());
        }
        boolean ldc = false;
        boolean lldc = false;
        boolean sids = false;
        for (String code : c.countries() == null ? List.<String>of() : c.countries()) {
            ReferenceFiles.Country country = ReferenceFiles.COUNTRIES.get(code);
            regions.add(country.ituRegion());
            ldc |= country.ldc();
            lldc |= country.lldc();
            sids |= country.sids();
        }
        TreeSet<String> focusAreas = new TreeSet<>();
        c.pillars().forEach(p -> focusAreas.add(FOCUS_AREA_OF_PILLAR.get(p.name())));
        Money money = c.financialValue();
        String usd = null;
        String unitsPerUsd = null;
        if (money != null) {
            BigDecimal rate = "USD".equals(money.currency()) ? BigDecimal.ONE
                    : ReferenceFiles.RATES.get(money.currency()).get(money.valueDate().getYear()).unitsPerUsd();
            usd = cents(money.amount().divide(rate, 2, RoundingMode.HALF_EVEN));
            unitsPerUsd = plain(rate);
        }
        return new DerivedFields(List.copyOf(regions), ldc, lldc, sids, List.copyOf(focusAreas), usd, unitsPerUsd);
    }

    /** As a pledge's answer or an event's {@code data} states them. */
    public static DerivedFields of(JsonNode pledge) {
        JsonNode value = pledge.path("financialValue");
        boolean valued = !value.isMissingNode() && !value.isNull();
        return new DerivedFields(texts(pledge.path("regions")), pledge.path("ldc").asBoolean(), pledge.path("lldc").asBoolean(),
                pledge.path("sids").asBoolean(), texts(pledge.path("focusAreas")),
                valued ? cents(new BigDecimal(value.path("usd").asText())) : null,
                valued ? plain(new BigDecimal(value.path("unitsPerUsd").asText())) : null);
    }

    /** As the service's own answer or event records hold them (for tests without HTTP). */
    public static DerivedFields of(List<String> regions, boolean ldc, boolean lldc, boolean sids, List<String> focusAreas,
                                   UsdValue value) {
        return new DerivedFields(List.copyOf(regions), ldc, lldc, sids, List.copyOf(focusAreas),
                value == null ? null : cents(value.usd()), value == null ? null : plain(value.unitsPerUsd()));
    }

    /** True when the primary region is neither named nor a region of a country: the case a consistent fixture misses. */
    public static boolean primaryRegionOnlyByItself(PledgeContent c) {
        if (c.primaryRegion() == null) {
            return false;
        }
        List<String> implied = new ArrayList<>();
        if (c.regions() != null) {
            c.regions().stream().map(ItuRegion::name).forEach(implied::add);
        }
        if (c.countries() != null) {
            c.countries().forEach(code -> implied.add(ReferenceFiles.COUNTRIES.get(code).ituRegion()));
        }
        return !implied.contains(c.primaryRegion().name());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return List.copyOf(texts);
    }

    /** A USD amount to the cent; an amount with more decimals fails here, loudly. */
    private static String cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String plain(BigDecimal rate) {
        return rate.stripTrailingZeros().toPlainString();
    }
}

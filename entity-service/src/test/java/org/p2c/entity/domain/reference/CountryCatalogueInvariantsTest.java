package org.p2c.entity.domain.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Invariants of the versioned country catalogue {@code /reference/countries.v1.json}: codes unique and valid, one
 * ITU region per country, and the sizes of the UN/ITU lists it encodes. The expected sizes are hard-coded on purpose
 * (not read from the file's {@code sources} block): a change of an official list must be a deliberate edit of both
 * the data and this test.
 */
class CountryCatalogueInvariantsTest {

    private static final String RESOURCE = "/reference/countries.v1.json";

    private static final Set<String> ITU_REGIONS =
            Set.of("AFRICA", "AMERICAS", "ARAB_STATES", "ASIA_PACIFIC", "CIS", "EUROPE");

    /** UN M49 sub-region level names (not the intermediate regions). */
    private static final Set<String> M49_SUB_REGIONS = Set.of(
            "Northern Africa", "Sub-Saharan Africa", "Latin America and the Caribbean", "Northern America",
            "Central Asia", "Eastern Asia", "South-eastern Asia", "Southern Asia", "Western Asia",
            "Eastern Europe", "Northern Europe", "Southern Europe", "Western Europe",
            "Australia and New Zealand", "Melanesia", "Micronesia", "Polynesia");

    private static final Set<String> M49_REGIONS = Set.of("Africa", "Americas", "Asia", "Europe", "Oceania");

    private static final List<String> REQUIRED_TEXT_FIELDS =
            List.of("alpha3", "alpha2", "numeric", "name", "m49Region", "m49SubRegion", "ituRegion");
    private static final List<String> REQUIRED_BOOLEAN_FIELDS = List.of("ituMember", "ldc", "lldc", "sids");

    private static final Pattern ALPHA3 = Pattern.compile("[A-Z]{3}");
    private static final Pattern ALPHA2 = Pattern.compile("[A-Z]{2}");
    private static final Pattern NUMERIC = Pattern.compile("\\d{3}");

    /**
     * ITU Member States: 193 UN Member States + Holy See (Vatican City State) = 194, since Palau acceded on
     * 19 September 2024 as the 194th Member State (ITU press release PR-2024-09-19).
     */
    private static final int ITU_MEMBER_STATES = 194;

    /** ITU-D (BDT) regional distribution of the 194 Member States (CIS = the 9 RCC/CIS-region administrations). */
    private static final Map<String, Integer> ITU_MEMBERS_PER_REGION = Map.of(
            "AFRICA", 44, "AMERICAS", 35, "ARAB_STATES", 21, "ASIA_PACIFIC", 39, "CIS", 9, "EUROPE", 46);

    /**
     * UN list of Least Developed Countries (UN DESA/CDP) as in force since 13 December 2024 (after the graduation of
     * São Tomé and Príncipe; Bhutan graduated 13 December 2023): 44 countries. Bangladesh, Lao PDR and Nepal were
     * scheduled to graduate on 24 November 2026 (A/RES/76/8) — re-check and update together with the data.
     */
    private static final int UN_LDC_COUNT = 44;

    /** UN-OHRLLS list of Landlocked Developing Countries: 32. */
    private static final int UN_LLDC_COUNT = 32;

    /**
     * UN-OHRLLS list of Small Island Developing States (since Bahrain's removal, April 2023): 57 = 37 UN Member States
     * + Cook Islands + Niue + 18 Non-UN Members/Associate Members of UN regional commissions.
     */
    private static final int UN_SIDS_COUNT = 57;

    private static JsonNode document;
    private static List<JsonNode> countries;
    private static Map<String, JsonNode> byAlpha3;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = CountryCatalogueInvariantsTest.class.getResourceAsStream(RESOURCE)) {
            assertNotNull(in, "classpath resource " + RESOURCE + " is missing");
            document = new ObjectMapper().readTree(in);
        }
        JsonNode array = document.get("countries");
        assertNotNull(array, "'countries' array is missing");
        assertTrue(array.isArray(), "'countries' must be an array");
        countries = new ArrayList<>();
        array.forEach(countries::add);
        byAlpha3 = new HashMap<>();
        for (JsonNode c : countries) {
            byAlpha3.putIfAbsent(text(c, "alpha3"), c);
        }
    }

    @Test
    void documentHasVersionAndSources() {
        assertTrue(document.hasNonNull("version") && !document.get("version").asText().isBlank(), "'version' is missing");
        JsonNode sources = document.get("sources");
        assertNotNull(sources, "'sources' is missing");
        List<String> missing = new ArrayList<>();
        for (String key : List.of("iso3166", "m49", "ituRegions", "ldc", "lldc", "sids")) {
            if (!sources.hasNonNull(key) || sources.get(key).asText().isBlank()) {
                missing.add(key);
            }
        }
        assertTrue(missing.isEmpty(), "sources without a description: " + missing);
        assertFalse(countries.isEmpty(), "no countries");
    }

    @Test
    void everyEntryHasAllFieldsWithTheRightTypes() {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < countries.size(); i++) {
            JsonNode c = countries.get(i);
            String who = "#" + i + " " + c.path("alpha3").asText("?");
            for (String f : REQUIRED_TEXT_FIELDS) {
                if (!c.hasNonNull(f) || !c.get(f).isTextual() || c.get(f).asText().isBlank()) {
                    problems.add(who + ": '" + f + "' must be a non-blank string");
                }
            }
            for (String f : REQUIRED_BOOLEAN_FIELDS) {
                if (!c.hasNonNull(f) || !c.get(f).isBoolean()) {
                    problems.add(who + ": '" + f + "' must be a boolean");
                }
            }
        }
        assertTrue(problems.isEmpty(), "malformed entries:\n" + String.join("\n", problems));
    }

    @Test
    void codesMatchTheirFormats() {
        List<String> bad = new ArrayList<>();
        for (JsonNode c : countries) {
            String a3 = text(c, "alpha3");
            if (!ALPHA3.matcher(a3).matches()) bad.add(a3 + ": alpha3 '" + a3 + "' is not [A-Z]{3}");
            if (!ALPHA2.matcher(text(c, "alpha2")).matches()) bad.add(a3 + ": alpha2 '" + text(c, "alpha2") + "' is not [A-Z]{2}");
            if (!NUMERIC.matcher(text(c, "numeric")).matches()) bad.add(a3 + ": numeric '" + text(c, "numeric") + "' is not \\d{3}");
        }
        assertTrue(bad.isEmpty(), "badly formatted codes:\n" + String.join("\n", bad));
    }

    @Test
    void codesAreUnique() {
        for (String field : List.of("alpha3", "alpha2", "numeric")) {
            Map<String, List<String>> groups = countries.stream().collect(Collectors.groupingBy(
                    c -> text(c, field), TreeMap::new, Collectors.mapping(c -> text(c, "alpha3"), Collectors.toList())));
            Map<String, List<String>> duplicates = new TreeMap<>();
            groups.forEach((code, holders) -> {
                if (holders.size() > 1) duplicates.put(code, holders);
            });
            assertTrue(duplicates.isEmpty(), "duplicate " + field + " codes (code=[alpha3 of holders]): " + duplicates);
        }
    }

    @Test
    void alpha2IsAnIsoCountryAndAlpha3IsItsIso3Code() {
        Set<String> iso = Set.of(Locale.getISOCountries());
        List<String> bad = new ArrayList<>();
        for (JsonNode c : countries) {
            String a2 = text(c, "alpha2");
            String a3 = text(c, "alpha3");
            if (!iso.contains(a2)) {
                bad.add(a3 + ": alpha2 '" + a2 + "' is not in Locale.getISOCountries()");
                continue;
            }
            String jdkAlpha3 = new Locale("", a2).getISO3Country();
            if (!a3.equals(jdkAlpha3)) {
                bad.add(a3 + ": alpha2 '" + a2 + "' maps to alpha3 '" + jdkAlpha3 + "' in the JDK");
            }
        }
        assertTrue(bad.isEmpty(), "codes not consistent with ISO 3166-1 (JDK):\n" + String.join("\n", bad));
    }

    @Test
    void countriesAreSortedByAlpha3() {
        List<String> actual = countries.stream().map(c -> text(c, "alpha3")).collect(Collectors.toList());
        List<String> sorted = new ArrayList<>(actual);
        sorted.sort(null);
        for (int i = 0; i < actual.size(); i++) {
            if (!actual.get(i).equals(sorted.get(i))) {
                fail("countries not sorted by alpha3: at index " + i + " found " + actual.get(i) + ", expected " + sorted.get(i));
            }
        }
    }

    @Test
    void everyCountryHasExactlyOneKnownItuRegion() {
        // A JSON object cannot carry two values for one key in Jackson's tree (last wins), so "exactly one" means:
        // the field is a single string (not an array/object) and one of the six values.
        List<String> bad = countries.stream()
                .filter(c -> !c.hasNonNull("ituRegion") || !c.get("ituRegion").isTextual()
                        || !ITU_REGIONS.contains(c.get("ituRegion").asText()))
                .map(c -> text(c, "alpha3") + "=" + c.get("ituRegion"))
                .collect(Collectors.toList());
        assertTrue(bad.isEmpty(), "entries without exactly one ITU region among " + new TreeSet<>(ITU_REGIONS) + ": " + bad);
    }

    @Test
    void m49RegionsUseTheM49Vocabulary() {
        List<String> bad = countries.stream()
                .filter(c -> !M49_REGIONS.contains(text(c, "m49Region")) || !M49_SUB_REGIONS.contains(text(c, "m49SubRegion")))
                .map(c -> text(c, "alpha3") + "=" + text(c, "m49Region") + "/" + text(c, "m49SubRegion"))
                .collect(Collectors.toList());
        assertTrue(bad.isEmpty(), "unknown M49 region or sub-region: " + bad);
    }

    @Test
    void ituMembership() {
        List<String> members = alpha3Where(c -> c.path("ituMember").asBoolean(false));
        assertEquals(ITU_MEMBER_STATES, members.size(),
                "ITU Member States (ituMember=true); non-members are " + alpha3Where(c -> !c.path("ituMember").asBoolean(false)));

        Map<String, List<String>> perRegion = new TreeMap<>();
        for (JsonNode c : countries) {
            if (c.path("ituMember").asBoolean(false)) {
                perRegion.computeIfAbsent(text(c, "ituRegion"), k -> new ArrayList<>()).add(text(c, "alpha3"));
            }
        }
        Map<String, Integer> actualCounts = new TreeMap<>();
        perRegion.forEach((r, l) -> actualCounts.put(r, l.size()));
        assertEquals(new TreeMap<>(ITU_MEMBERS_PER_REGION), actualCounts,
                "ITU Member States per ITU-D region; members per region: " + perRegion);
    }

    @Test
    void unListSizes() {
        assertCount("ldc", UN_LDC_COUNT, "UN LDC list");
        assertCount("lldc", UN_LLDC_COUNT, "UN-OHRLLS LLDC list");
        assertCount("sids", UN_SIDS_COUNT, "UN-OHRLLS SIDS list");
    }

    @Test
    void spotChecksThatCatchMisMappedRegionsAndStaleLists() {
        List<String> failures = new ArrayList<>();
        expect(failures, "KHM", "ituRegion", "ASIA_PACIFIC");
        expect(failures, "KHM", "ldc", true);
        expect(failures, "EGY", "ituRegion", "ARAB_STATES");
        expect(failures, "KAZ", "ituRegion", "CIS");
        expect(failures, "KAZ", "lldc", true);
        expect(failures, "BRA", "ituRegion", "AMERICAS");
        expect(failures, "FRA", "ituRegion", "EUROPE");
        expect(failures, "KEN", "ituRegion", "AFRICA");
        expect(failures, "FJI", "sids", true);
        expect(failures, "BTN", "ldc", false);   // graduated 13 December 2023
        expect(failures, "STP", "ldc", false);   // graduated 13 December 2024
        expect(failures, "SLB", "ldc", true);    // graduation scheduled 13 December 2027
        expect(failures, "IRN", "ituRegion", "ASIA_PACIFIC");
        expect(failures, "AFG", "ituRegion", "ASIA_PACIFIC");
        expect(failures, "PAK", "ituRegion", "ASIA_PACIFIC");
        expect(failures, "SDN", "ituRegion", "ARAB_STATES");
        expect(failures, "MRT", "ituRegion", "ARAB_STATES");
        expect(failures, "UKR", "ituRegion", "EUROPE");
        expect(failures, "ISR", "ituRegion", "EUROPE");
        expect(failures, "PLW", "ituMember", true);   // 194th ITU Member State, 19 September 2024
        expect(failures, "VAT", "ituMember", true);
        expect(failures, "VAT", "ituRegion", "EUROPE");
        expect(failures, "PSE", "ituMember", false);  // ITU observer
        expect(failures, "PSE", "ituRegion", "ARAB_STATES");
        expect(failures, "BHR", "sids", false);       // left the UN SIDS list, April 2023
        expect(failures, "PRI", "ituMember", false);
        expect(failures, "PRI", "sids", true);
        assertTrue(failures.isEmpty(), "spot checks failed:\n" + String.join("\n", failures));
    }

    private static void assertCount(String flag, int expected, String list) {
        List<String> flagged = alpha3Where(c -> c.path(flag).asBoolean(false));
        assertEquals(expected, flagged.size(), list + ": entries with " + flag + "=true are " + flagged);
    }

    private static void expect(List<String> failures, String alpha3, String field, Object expected) {
        JsonNode c = byAlpha3.get(alpha3);
        if (c == null) {
            failures.add(alpha3 + ": missing from the catalogue");
            return;
        }
        JsonNode v = c.get(field);
        Object actual = v == null || v.isNull() ? null : (v.isBoolean() ? (Object) v.asBoolean() : v.asText());
        if (!expected.equals(actual)) {
            failures.add(alpha3 + ": expected " + field + "=" + expected + " but was " + actual);
        }
    }

    private static List<String> alpha3Where(Predicate<JsonNode> predicate) {
        return countries.stream().filter(predicate).map(c -> text(c, "alpha3")).sorted().collect(Collectors.toList());
    }

    private static String text(JsonNode c, String field) {
        JsonNode v = c.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}

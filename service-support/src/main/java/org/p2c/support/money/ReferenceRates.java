package org.p2c.support.money;

import jakarta.enterprise.context.ApplicationScoped;
import org.p2c.support.problem.Problem;
import org.p2c.support.problem.ProblemException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The versioned table of reference rates every amount of the platform is normalised with (pledge values and
 * amounts disbursed alike), so that a euro counts the same wherever it is stated. A currency the table does not
 * hold, or a value date outside its years, is a 422 naming the field: a USD figure is never guessed.
 */
@ApplicationScoped
public class ReferenceRates {

    public static final String VERSION = "2026-11";
    private static final String FILE = "/reference-rates/usd-reference-rates.v" + VERSION + ".csv";
    private static final Set<String> ISO_4217 = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private record Rate(BigDecimal unitsPerUsd, String source) {
    }

    private final Map<String, TreeMap<Integer, Rate>> byCurrency;

    public ReferenceRates() {
        this(ReferenceRates.class.getResourceAsStream(FILE));
    }

    ReferenceRates(InputStream table) {
        this.byCurrency = parse(table);
    }

    /**
     * Normalises {@code money} to USD. {@code field} is the path of the money in the request
     * (e.g. {@code content.financialValue}) so that a refusal names {@code <field>.currency} or {@code <field>.valueDate}.
     */
    public UsdValue normalise(Money money, String field) {
        String currency = money.currency();
        if (!ISO_4217.contains(currency)) {
            throw unprocessable(field + ".currency", "'" + currency + "' is not an ISO 4217 currency code");
        }
        if ("USD".equals(currency)) {
            return new UsdValue(money.amount(), currency, money.valueDate(), money.amount().setScale(2, RoundingMode.HALF_EVEN),
                    BigDecimal.ONE, "identity (reference rates " + VERSION + ")");
        }
        TreeMap<Integer, Rate> years = byCurrency.get(currency);
        if (years == null) {
            throw unprocessable(field + ".currency", currency + " has no reference rate (table version " + VERSION
                    + " holds " + String.join(", ", currencies()) + ")");
        }
        Rate rate = years.get(money.valueDate().getYear());
        if (rate == null) {
            throw unprocessable(field + ".valueDate", "no reference rate for " + currency + " on " + money.valueDate()
                    + " (table version " + VERSION + " covers " + years.firstKey() + "–" + years.lastKey() + ")");
        }
        BigDecimal usd = money.amount().divide(rate.unitsPerUsd(), 2, RoundingMode.HALF_EVEN);
        return new UsdValue(money.amount(), currency, money.valueDate(), usd, rate.unitsPerUsd(),
                rate.source() + " " + money.valueDate().getYear() + " (reference rates " + VERSION + ")");
    }

    public List<String> currencies() {
        return byCurrency.keySet().stream().sorted().toList();
    }

    /** One year of a currency in the table: its units per US dollar and where the figure comes from. */
    public record YearRate(int year, BigDecimal unitsPerUsd, String source) {
    }

    /** The rates the table holds for {@code currency}, year by year; none for a currency it does not hold. */
    public List<YearRate> rates(String currency) {
        TreeMap<Integer, Rate> years = byCurrency.get(currency);
        if (years == null) {
            return List.of();
        }
        return years.entrySet().stream()
                .map(e -> new YearRate(e.getKey(), e.getValue().unitsPerUsd(), e.getValue().source()))
                .toList();
    }

    private static ProblemException unprocessable(String field, String message) {
        return new ProblemException(422, "unknown-rate", "No reference rate", field + ": " + message,
                List.of(new Problem.Violation(field, message)));
    }

    private static Map<String, TreeMap<Integer, Rate>> parse(InputStream table) {
        if (table == null) {
            throw new IllegalStateException("reference-rate table " + FILE + " is missing from the classpath");
        }
        Map<String, TreeMap<Integer, Rate>> rates = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(table, StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] cells = line.split(",", 4);
                Rate previous = rates.computeIfAbsent(cells[0], c -> new TreeMap<>())
                        .put(Integer.parseInt(cells[1]), new Rate(new BigDecimal(cells[2]), cells[3]));
                if (previous != null) {
                    throw new IllegalStateException("reference-rate table has two rates for " + cells[0] + " " + cells[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rates;
    }
}

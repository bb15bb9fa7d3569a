package org.p2c.support.money;

import org.junit.jupiter.api.Test;
import org.p2c.support.problem.Problem;
import org.p2c.support.problem.ProblemException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ReferenceRatesTest {

    private final ReferenceRates rates = new ReferenceRates();

    @Test
    void aEuroAmountIsDividedByTheRateOfItsValueYearAndKeepsRateAndSource() {
        UsdValue value = rates.normalise(new Money(new BigDecimal("5600000000.00"), "EUR", LocalDate.of(2024, 7, 6)), "financialValue");

        assertThat(value.unitsPerUsd()).isEqualByComparingTo("0.924");
        assertThat(value.usd()).isEqualByComparingTo("6060606060.61");
        assertThat(value.rateSource()).contains("2024").contains(ReferenceRates.VERSION);
        assertThat(value.amount()).isEqualByComparingTo("5600000000.00");
    }

    @Test
    void aDollarAmountIsItsOwnUsdOnAnyDate() {
        UsdValue value = rates.normalise(new Money(new BigDecimal("1000"), "USD", LocalDate.of(1990, 1, 1)), "f");

        assertThat(value.usd()).isEqualByComparingTo("1000.00");
        assertThat(value.unitsPerUsd()).isEqualByComparingTo("1");
    }

    @Test
    void aCurrencyOutsideTheTableIsRefusedNamingTheCurrencyField() {
        ProblemException refused = catchThrowableOfType(ProblemException.class,
                () -> rates.normalise(new Money(BigDecimal.TEN, "MNT", LocalDate.of(2024, 1, 1)), "content.financialValue"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.toProblem("/x").violations()).extracting(Problem.Violation::field)
                .containsExactly("content.financialValue.currency");
    }

    @Test
    void aCodeThatIsNoCurrencyAtAllIsRefusedAsSuch() {
        ProblemException refused = catchThrowableOfType(ProblemException.class,
                () -> rates.normalise(new Money(BigDecimal.TEN, "XYZ", LocalDate.of(2024, 1, 1)), "v"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.getMessage()).contains("not an ISO 4217");
    }

    @Test
    void aValueDateOutsideTheTableIsRefusedNamingTheDateField() {
        ProblemException refused = catchThrowableOfType(ProblemException.class,
                () -> rates.normalise(new Money(BigDecimal.TEN, "EUR", LocalDate.of(2018, 12, 31)), "v"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.toProblem("/x").violations()).extracting(Problem.Violation::field).containsExactly("v.valueDate");
    }

    @Test
    void theTableHoldsOnlyIsoCurrenciesEachWithContiguousYearsAndPositiveRates() {
        assertThat(rates.currencies()).isNotEmpty().allSatisfy(code -> {
            assertThat(Currency.getInstance(code).getCurrencyCode()).isEqualTo(code);
            for (int year = 2019; year <= 2026; year++) {
                UsdValue one = rates.normalise(new Money(BigDecimal.ONE, code, LocalDate.of(year, 6, 30)), "v");
                assertThat(one.unitsPerUsd()).as(code + " " + year).isPositive();
            }
        });
    }

    @Test
    void theRatesListedForACurrencyAreTheOnesItsAmountsAreNormalisedWith() {
        assertThat(rates.currencies()).allSatisfy(code -> {
            assertThat(rates.rates(code)).isNotEmpty().allSatisfy(rate -> {
                UsdValue one = rates.normalise(new Money(BigDecimal.ONE, code, LocalDate.of(rate.year(), 1, 1)), "v");
                assertThat(one.unitsPerUsd()).as(code + " " + rate.year()).isEqualTo(rate.unitsPerUsd());
                assertThat(one.rateSource()).startsWith(rate.source() + " " + rate.year());
            });
        });
        assertThat(rates.rates("XXX")).isEmpty();
    }
}

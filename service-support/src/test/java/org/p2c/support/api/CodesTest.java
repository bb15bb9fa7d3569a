package org.p2c.support.api;

import org.junit.jupiter.api.Test;
import org.p2c.support.money.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CodesTest {

    @Test
    void codesAreUpperCasedWithoutTheLocalesRules() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            // In Turkish, "i" upper-cases to a dotted İ; an ISO code must not depend on the server's locale.
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr"));
            assertThat(Codes.upperCase("irl")).isEqualTo("IRL");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void absentCodesStayAbsentSoThatValidationStillNamesThem() {
        assertThat(Codes.upperCase((String) null)).isNull();
        assertThat(Codes.upperCase((List<String>) null)).isNull();
        assertThat(Codes.upperCase(Arrays.asList("khm", null))).containsExactly("KHM", null);
    }

    @Test
    void anAmountStatedInEurosIsInEURWhateverTheCase() {
        assertThat(new Money(BigDecimal.TEN, "eur", LocalDate.of(2024, 7, 1)).currency()).isEqualTo("EUR");
    }
}

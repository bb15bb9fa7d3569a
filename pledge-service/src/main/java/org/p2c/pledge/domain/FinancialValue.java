package org.p2c.pledge.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import org.p2c.support.money.UsdValue;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The estimated value as pledged and its USD normalisation, with the reference rate and its source. */
@Embeddable
public record FinancialValue(
        @Column(name = "value_amount") BigDecimal amount,
        @Column(name = "value_currency") String currency,
        @Column(name = "value_date") LocalDate valueDate,
        @Column(name = "value_usd") BigDecimal usd,
        @Column(name = "value_units_per_usd") BigDecimal unitsPerUsd,
        @Column(name = "value_rate_source") String rateSource) {

    public UsdValue toUsdValue() {
        return new UsdValue(amount, currency, valueDate, usd, unitsPerUsd.stripTrailingZeros(), rateSource);
    }
}

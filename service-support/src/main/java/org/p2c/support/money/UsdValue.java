package org.p2c.support.money;

import com.fasterxml.jackson.annotation.JsonFormat;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An amount as stated, with its USD equivalent and the reference rate (and table version) that produced it. */
@Schema(name = "MoneyWithUsd")
public record UsdValue(
        @JsonFormat(shape = JsonFormat.Shape.STRING) @Schema(type = SchemaType.STRING, example = "5600000000.00") BigDecimal amount,
        @Schema(example = "EUR") String currency,
        @Schema(example = "2024-07-01") LocalDate valueDate,
        @JsonFormat(shape = JsonFormat.Shape.STRING) @Schema(type = SchemaType.STRING, example = "6060606060.61") BigDecimal usd,
        @JsonFormat(shape = JsonFormat.Shape.STRING) @Schema(type = SchemaType.STRING, example = "0.924",
                description = "Units of the currency per US dollar") BigDecimal unitsPerUsd,
        @Schema(example = "annual average 2024 (reference rates 2026-11)") String rateSource) {
}

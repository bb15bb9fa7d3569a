package org.p2c.support.money;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.p2c.support.api.Codes;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An amount as the caller states it: decimal as a string, ISO 4217 currency (in any case), and the date it is valued at. */
@Schema(name = "Money", description = "An amount in the currency it was stated in; normalised to USD by the service")
public record Money(
        @NotNull @DecimalMin(value = "0", message = "must not be negative") @Digits(integer = 15, fraction = 2)
        @JsonFormat(shape = JsonFormat.Shape.STRING) @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                format = "decimal", example = "5600000000.00") BigDecimal amount,
        @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code") @Size(max = 3) @Schema(example = "EUR") String currency,
        @NotNull @Schema(example = "2024-07-01", description = "The date the amount is valued at; picks the reference rate")
        LocalDate valueDate) {

    /** ISO 4217 codes are upper case: {@code eur} can only mean EUR. */
    public Money {
        currency = Codes.upperCase(currency);
    }
}

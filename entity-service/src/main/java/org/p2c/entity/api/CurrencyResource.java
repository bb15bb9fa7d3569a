package org.p2c.entity.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.p2c.support.money.ReferenceRates;
import org.p2c.support.problem.ProblemException;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * The currencies an amount may be stated in: those of the platform's reference-rate table (service-support's
 * {@link ReferenceRates}, the one every service normalises amounts with), each with the rates it is normalised at, so
 * a form offers exactly the currencies the services accept and shows the USD figure they will compute.
 */
@Path("/api/v1/currencies")
@Tag(name = "Reference data")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class CurrencyResource {

    @Schema(name = "Currency", description = "An ISO 4217 currency of the reference-rate table, with its rates to the US dollar",
            example = """
                    {"code": "EUR", "name": "Euro", "rateTableVersion": "2026-11",
                     "usdRates": [{"year": 2024, "unitsPerUsd": "0.924", "source": "annual average"},
                                  {"year": 2025, "unitsPerUsd": "0.885", "source": "provisional annual average"}]}""")
    public record CurrencyView(
            @Schema(description = "ISO 4217 code") String code,
            @Schema(description = "The currency's name in English") String name,
            @Schema(description = "The version of the reference-rate table the rates come from") String rateTableVersion,
            @Schema(description = "One rate per year the table covers, oldest first; an amount valued on a date outside "
                    + "these years is refused, never guessed") List<UsdRate> usdRates) {
    }

    @Schema(name = "UsdReferenceRate", example = """
            {"year": 2024, "unitsPerUsd": "0.924", "source": "annual average"}""")
    public record UsdRate(
            @Schema(description = "The year of value dates the rate applies to") int year,
            @JsonFormat(shape = JsonFormat.Shape.STRING)
            @Schema(type = SchemaType.STRING, format = "decimal", description = "Units of the currency per US dollar")
            BigDecimal unitsPerUsd,
            @Schema(description = "Where the figure comes from") String source) {
    }

    private final ReferenceRates rates;

    public CurrencyResource(ReferenceRates rates) {
        this.rates = rates;
    }

    @GET
    @Operation(operationId = "listCurrencies", summary = "The currencies amounts may be stated in, with their USD reference rates",
            description = "Every currency of the platform's reference-rate table, by code, with its name and its rate to "
                    + "the US dollar for each year the table covers. These are the currencies a pledge's value or a "
                    + "report's amount disbursed may be stated in (besides USD itself, taken as it is); the services "
                    + "normalise amounts to USD with exactly these rates.")
    @APIResponse(responseCode = "200", description = "The table's currencies, by code")
    public List<CurrencyView> list() {
        return rates.currencies().stream().map(this::view).toList();
    }

    @GET
    @Path("{code}")
    @Operation(operationId = "getCurrency", summary = "One currency of the reference-rate table by its ISO 4217 code",
            description = "The currency with its name and its USD reference rates per year. The code is read in any "
                    + "case (eur is EUR).")
    @APIResponse(responseCode = "200", description = "The currency")
    @APIResponse(responseCode = "404", description = "Not a currency of the reference-rate table")
    public CurrencyView get(@PathParam("code") @Parameter(description = "ISO 4217 code, in any case", example = "EUR") String code) {
        String upper = code.toUpperCase(Locale.ROOT);
        if (rates.rates(upper).isEmpty()) {
            throw ProblemException.notFound("Currency " + code);
        }
        return view(upper);
    }

    private CurrencyView view(String code) {
        return new CurrencyView(code, Currency.getInstance(code).getDisplayName(Locale.ENGLISH), ReferenceRates.VERSION,
                rates.rates(code).stream().map(r -> new UsdRate(r.year(), r.unitsPerUsd(), r.source())).toList());
    }
}

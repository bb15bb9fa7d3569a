package org.p2c.entity.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.p2c.entity.domain.StakeholderType;
import org.p2c.entity.domain.reference.Country;
import org.p2c.entity.domain.reference.CountryCatalogue;
import org.p2c.entity.domain.reference.ItuRegion;
import org.p2c.support.problem.ProblemException;

import java.util.Arrays;
import java.util.List;

/** Public reference data owned by entity-service: countries with their regions and UN groups, regions, stakeholder types. */
@Path("/api/v1")
@Tag(name = "Reference data", description = "Countries, ITU regions and stakeholder types")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class ReferenceDataResource {

    @Schema(name = "ItuRegionView", example = """
            {"code": "ASIA_PACIFIC", "name": "Asia and the Pacific", "countries": 46}""")
    public record ItuRegionView(ItuRegion code, String name, long countries) {
    }

    @Schema(name = "StakeholderTypeView", example = """
            {"code": "GOVERNMENT"}""")
    public record StakeholderTypeView(StakeholderType code) {
    }

    private final CountryCatalogue countries;

    public ReferenceDataResource(CountryCatalogue countries) {
        this.countries = countries;
    }

    @GET
    @Path("countries")
    @Operation(operationId = "listCountries", summary = "Countries and territories, filterable by ITU region and UN group",
            description = "The country catalogue (reference/countries.v1.json, shared with pledge-service): ISO 3166-1 codes, name, UN M49 region and sub-region, ITU (BDT) region, and the LDC, LLDC and SIDS flags. Filters combine: ituRegion keeps one region, ldc, lldc and sids keep the countries with (true) or without (false) the flag. Public.")
    @APIResponse(responseCode = "200", description = "The countries that match, in the catalogue's order")
    @APIResponse(responseCode = "400", description = "ituRegion is not one of the six ITU regions, or ldc, lldc or sids not true or false; violations name it")
    public List<Country> countries(@QueryParam("ituRegion") ItuRegion region, @QueryParam("ldc") Boolean ldc,
                                   @QueryParam("lldc") Boolean lldc, @QueryParam("sids") Boolean sids) {
        return countries.all().stream()
                .filter(c -> region == null || c.ituRegion() == region)
                .filter(c -> ldc == null || c.ldc() == ldc)
                .filter(c -> lldc == null || c.lldc() == lldc)
                .filter(c -> sids == null || c.sids() == sids)
                .toList();
    }

    @GET
    @Path("countries/{alpha3}")
    @Operation(operationId = "getCountry", summary = "One country by ISO 3166-1 alpha-3 code",
            description = "One country of the catalogue with its regions and UN group flags, by its ISO 3166-1 alpha-3 code. Public.")
    @APIResponse(responseCode = "200", description = "The country")
    @APIResponse(responseCode = "404", description = "Not in the reference data")
    public Country country(@PathParam("alpha3") String alpha3) {
        return countries.find(alpha3).orElseThrow(() -> ProblemException.notFound("Country " + alpha3));
    }

    @GET
    @Path("itu-regions")
    @Operation(operationId = "listItuRegions", summary = "The six ITU regions",
            description = "The six regions of the ITU Development Sector (BDT) with their display names and how many countries of the catalogue each has. Public.")
    @APIResponse(responseCode = "200", description = "The regions with how many countries of the catalogue each has")
    public List<ItuRegionView> regions() {
        return Arrays.stream(ItuRegion.values())
                .map(r -> new ItuRegionView(r, r.displayName(), countries.all().stream().filter(c -> c.ituRegion() == r).count()))
                .toList();
    }

    @GET
    @Path("stakeholder-types")
    @Operation(operationId = "listStakeholderTypes", summary = "Who can make a pledge",
            description = "The kinds of organisation that can register as a pledger entity (an entity's stakeholderType). Public.")
    @APIResponse(responseCode = "200", description = "The stakeholder types")
    public List<StakeholderTypeView> stakeholderTypes() {
        return Arrays.stream(StakeholderType.values()).map(StakeholderTypeView::new).toList();
    }
}

package org.p2c.entity.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.p2c.entity.domain.StakeholderType;
import org.p2c.entity.domain.reference.Country;
import org.p2c.entity.domain.reference.CountryCatalogue;
import org.p2c.entity.domain.reference.ItuRegion;
import org.p2c.entity.service.VerificationQueue;
import org.p2c.support.api.Caller;
import org.p2c.support.api.Codes;
import org.p2c.support.api.DayRange;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

@Path("/api/v1/entities/queue")
@Tag(name = "Verification queue", description = "Entities awaiting the Secretariat's verification")
@Produces(MediaType.APPLICATION_JSON)
public class VerificationQueueResource {

    private final VerificationQueue queue;
    private final CountryCatalogue countries;

    public VerificationQueueResource(VerificationQueue queue, CountryCatalogue countries) {
        this.queue = queue;
        this.countries = countries;
    }

    @GET
    @RolesAllowed(Caller.SECRETARIAT)
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "listEntityQueue", summary = "Entities pending verification, oldest first (Secretariat)",
            description = "Every entity pending verification, oldest registration first, with how long it has waited "
                    + "and links to its decisions (verify, reject). Several values of one filter match any of them; the "
                    + "counts per status beside the page are under the same filters.")
    @APIResponse(responseCode = "200", description = "One page of the queue and its counts")
    @APIResponse(responseCode = "400", description = "A parameter the operation does not take; an unknown "
            + "stakeholderType or ituRegion; a country out of form; a date out of form or registeredFrom after "
            + "registeredTo; a page, size or sort out of range. Violations name the parameter")
    public VerificationQueueView list(
            @QueryParam("stakeholderType") List<StakeholderType> stakeholderTypes,
            @QueryParam("country") @Parameter(description = "ISO 3166-1 alpha-3 code of the headquarters, in any case") @Codes.Country List<String> countryCodes,
            @QueryParam("ituRegion") @Parameter(description = "The ITU region of the headquarters") List<ItuRegion> ituRegions,
            @QueryParam("registeredFrom") @Parameter(description = "Registered on this day or later (UTC), inclusive") LocalDate registeredFrom,
            @QueryParam("registeredTo") @Parameter(description = "Registered on this day or earlier (UTC), inclusive") LocalDate registeredTo,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @QueryParam("sort") @Parameter(description = "registeredAt (default, asc: oldest first); ,asc or ,desc") String sort) {
        DayRange registered = DayRange.of(registeredFrom, registeredTo, "registeredFrom", "registeredTo");
        var answer = queue.list(new VerificationQueue.Filters(stakeholderTypes, countryCodes, ituRegions, registered),
                page, size, sort);
        return VerificationQueueView.of(answer, Instant.now().truncatedTo(ChronoUnit.MICROS),
                code -> countries.find(code).map(Country::ituRegion).orElse(null));
    }
}

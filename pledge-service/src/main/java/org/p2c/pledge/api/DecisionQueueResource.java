package org.p2c.pledge.api;

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
import org.p2c.pledge.api.PledgeResource.StakeholderType;
import org.p2c.pledge.domain.ItuRegion;
import org.p2c.pledge.domain.Pillar;
import org.p2c.pledge.domain.Pledge;
import org.p2c.pledge.service.DecisionQueue;
import org.p2c.support.api.Caller;
import org.p2c.support.api.Codes;
import org.p2c.support.api.DayRange;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/pledges/queue")
@Tag(name = "Secretariat's queue", description = "What awaits the Secretariat's decision")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionQueueResource {

    private final DecisionQueue queue;

    public DecisionQueueResource(DecisionQueue queue) {
        this.queue = queue;
    }

    @GET
    @RolesAllowed(Caller.SECRETARIAT)
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "listPledgeQueue", summary = "Pledges and revisions awaiting a decision, oldest first (Secretariat)",
            description = "Every submitted pledge (a first submission, or a returned pledge submitted again) and every "
                    + "submitted revision of a validated pledge, oldest first, with how long each has waited and links to "
                    + "its decisions (validate, return with comments, reject). Never a draft, a returned pledge the pledger "
                    + "is revising, a decided pledge or a validated one without a submitted revision. The filters match "
                    + "the pledge as it stands (a pending revision by its validated content); several values of one "
                    + "filter match any of them. The counts beside the page are under the same filters.")
    @APIResponse(responseCode = "200", description = "One page of the queue and its counts")
    @APIResponse(responseCode = "400", description = "A parameter the operation does not take; an unknown stakeholderType, "
            + "region, pillar or kind; a country out of form; a pledgerEntityId that is no UUID; a date out of form or "
            + "submittedFrom after submittedTo; a page, size or sort out of range. Violations name the parameter")
    public DecisionQueueView list(
            @QueryParam("stakeholderType") @Parameter(description = "The pledger entity's stakeholder type") List<StakeholderType> stakeholderTypes,
            @QueryParam("country") @Parameter(description = "A country the pledge names: ISO 3166-1 alpha-3, in any case") @Codes.Country List<String> countries,
            @QueryParam("region") @Parameter(description = "An ITU region of the pledge (named, primary, or of its countries)") List<ItuRegion> regions,
            @QueryParam("pillar") List<Pillar> pillars,
            @QueryParam("pledgerEntityId") @Parameter(description = "The pledger entity") List<UUID> pledgerEntityIds,
            @QueryParam("submittedFrom") @Parameter(description = "Waiting since this day or later (UTC), inclusive") LocalDate submittedFrom,
            @QueryParam("submittedTo") @Parameter(description = "Waiting since this day or earlier (UTC), inclusive") LocalDate submittedTo,
            @QueryParam("kind") @Parameter(description = "Only submitted pledges, or only pending revisions") DecisionQueue.Kind kind,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @QueryParam("sort") @Parameter(description = "waitingSince (default, asc: oldest first); ,asc or ,desc") String sort) {
        DayRange submitted = DayRange.of(submittedFrom, submittedTo, "submittedFrom", "submittedTo");
        var filters = new DecisionQueue.Filters(names(stakeholderTypes), countries, names(regions), names(pillars),
                pledgerEntityIds, submitted, kind);
        return DecisionQueueView.of(queue.list(filters, page, size, sort), Pledge.now());
    }

    private static List<String> names(List<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).toList();
    }
}

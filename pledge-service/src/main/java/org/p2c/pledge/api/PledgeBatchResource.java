package org.p2c.pledge.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.p2c.pledge.service.PartnerPush;
import org.p2c.support.api.Caller;
import org.p2c.support.idempotency.Idempotency;

/** Partner systems push their entity's pledges in bulk (no outer transaction: each item commits on its own). */
@Path("/api/v1/pledges/batch")
@Tag(name = "Partner push", description = "Bulk creation and update of pledges by partner systems")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PledgeBatchResource {

    private final PartnerPush push;
    private final Idempotency idempotency;
    private final Caller caller;

    public PledgeBatchResource(PartnerPush push, Idempotency idempotency, Caller caller) {
        this.push = push;
        this.idempotency = idempotency;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Caller.PARTNER_SYSTEM)
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "pushPledges", summary = "Create and update up to 500 pledges of the caller's entity",
            description = "One result per item, in order: CREATED, UPDATED or FAILED with its problem. A retry with the same Idempotency-Key and body gets the first answer again.")
    @APIResponse(responseCode = "200", description = "Per-item results; a failed item's problem names its fields from the item's root",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PledgeBatch.Result.class)))
    @APIResponse(responseCode = "400", description = "No Idempotency-Key, or no items, or more than 500")
    @APIResponse(responseCode = "403", description = "Not a partner system bound to an entity")
    public Response push(@HeaderParam(Idempotency.HEADER) String key,
                         @Valid @NotNull PledgeBatch.Request batch) {
        Idempotency.Answer answer = idempotency.once(caller.actor(), key, batch,
                items -> new Idempotency.Answer(200, idempotency.toJson(push.push(batch, caller, items))));
        return Response.status(answer.status()).type(MediaType.APPLICATION_JSON).entity(answer.body()).build();
    }
}

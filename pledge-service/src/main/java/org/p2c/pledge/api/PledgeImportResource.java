package org.p2c.pledge.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.p2c.pledge.service.LegacyImport;
import org.p2c.support.api.Caller;

/** The Secretariat takes over pledges of the previous platform (no outer transaction: each item commits on its own). */
@Path("/api/v1/pledges/imports")
@Tag(name = "Legacy import", description = "Pledges of the previous platform, with their historical dates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PledgeImportResource {

    private final LegacyImport legacyImport;
    private final Caller caller;

    public PledgeImportResource(LegacyImport legacyImport, Caller caller) {
        this.legacyImport = legacyImport;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Caller.SECRETARIAT, Caller.ADMIN})
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "importPledges", summary = "Import up to 500 pledges with their references and historical dates (Secretariat, admin)",
            description = "One result per item, in order: IMPORTED or FAILED with its problem. A reference that already exists fails with 409, so running the same file again changes nothing.")
    @APIResponse(responseCode = "200", description = "Per-item results; a failed item's problem names its fields from the item's root")
    @APIResponse(responseCode = "400", description = "No items, or more than 500")
    @APIResponse(responseCode = "403", description = "Neither Secretariat nor admin")
    public PledgeImport.Result importPledges(@Valid @NotNull PledgeImport.Request request) {
        return legacyImport.run(request, caller);
    }
}

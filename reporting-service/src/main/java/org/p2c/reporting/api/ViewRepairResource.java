package org.p2c.reporting.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.p2c.support.api.Caller;
import org.p2c.support.api.ViewRepair;
import org.p2c.support.inbox.DeadLetterRedrive;
import org.p2c.support.rebuild.RebuildRun;

import java.util.List;
import java.util.UUID;

/** The admin's repair of reporting-service's views of the entities and pledges: its dead letters, and a rebuild from the topics. */
@Path("/api/v1/reports/view-repair")
@Tag(name = "View repair", description = "Dead letters and rebuilds of a service's views kept from the topics (admin)")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.ADMIN)
@SecurityRequirement(name = "itu")
public class ViewRepairResource {

    private final ViewRepair repair;

    public ViewRepairResource(ViewRepair repair) {
        this.repair = repair;
    }

    @GET
    @Path("dead-letters")
    @Operation(operationId = "listReportingServiceDeadLetters", summary = "The events reporting-service parked and has not redriven yet (admin)",
            description = "The records of p2c.entities.v1.dlq and p2c.pledges.v1.dlq that reporting-service's inbox parked (an event it can never apply as it stands), after where the last redrive stopped, oldest first, at most 500: where each came from, why, its type and id when readable.")
    @APIResponse(responseCode = "200", description = "Parked, not redriven yet",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = DeadLetterRedrive.Parked.class)))
    public List<DeadLetterRedrive.Parked> deadLetters() {
        return repair.deadLetters();
    }

    @POST
    @Path("dead-letters/redrive")
    @Operation(operationId = "redriveReportingServiceDeadLetters", summary = "Puts the parked events back through reporting-service's inbox, after a fix (admin)",
            description = "Applies each record reporting-service parked and has not redriven yet as a live one is applied: once (an event already applied, by its id in the processed-event log, is skipped), a type it does not handle skipped, one that still cannot be applied parked again for a later redrive. Answers when done, with the counts; the next redrive starts after the records this one read.")
    @APIResponse(responseCode = "200", description = "Redriven", content = @Content(schema = @Schema(implementation = DeadLetterRedrive.Report.class)))
    @APIResponse(responseCode = "409", description = "A redrive is already running")
    @APIResponse(responseCode = "503", description = "A transient failure (the database, say) stopped it at a record, left for the next redrive; what it did before is kept")
    public DeadLetterRedrive.Report redrive() {
        return repair.redrive();
    }

    @POST
    @Path("rebuild")
    @Operation(operationId = "rebuildReportingServiceViews", summary = "Rebuilds reporting-service's views of the entities and the pledges from p2c.entities.v1 and p2c.pledges.v1, in the background (admin)",
            description = "Starts a rebuild and answers at once, with the status resource in Location. The views are rewritten in place from the topics' beginning to where they end at the start and keep answering meanwhile (a pledge may read as of an older event for a moment); entities and pledges no event brings back leave them, unless reports refer to them. One rebuild at a time across all replicas; readiness says rebuilding while one runs.")
    @APIResponse(responseCode = "202", description = "Started; Location names its status resource",
            headers = @Header(name = "Location", description = "The rebuild's status resource", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = RebuildRun.class)))
    @APIResponse(responseCode = "409", description = "A rebuild is already running; the problem names its status resource")
    public Response rebuild(@Context UriInfo uri) {
        return repair.startRebuild(uri);
    }

    @GET
    @Path("rebuild/{id}")
    @Operation(operationId = "getReportingServiceRebuild", summary = "Where a rebuild of reporting-service's views stands (admin)",
            description = "RUNNING, SUCCEEDED or FAILED, the events replayed so far, when it started and finished; a run whose replica stopped renewing its lease is FAILED.")
    @APIResponse(responseCode = "200", description = "The rebuild", content = @Content(schema = @Schema(implementation = RebuildRun.class)))
    @APIResponse(responseCode = "404", description = "No such rebuild")
    public RebuildRun rebuildStatus(@PathParam("id") @Parameter(description = "The rebuild's id, from the Location of its start") UUID id) {
        return repair.rebuild(id);
    }
}

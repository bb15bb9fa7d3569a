package org.p2c.pledge.api;

import io.quarkus.security.Authenticated;
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
import org.p2c.pledge.domain.Pledge;
import org.p2c.pledge.domain.PledgeStatus;
import org.p2c.pledge.service.PledgeLifecycle;
import org.p2c.pledge.service.PledgerDesk;
import org.p2c.support.api.Caller;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/pledges/desk")
@Tag(name = "Pledger's desk", description = "What awaits a pledger: their entities' pledges, invitations, reports due")
@Produces(MediaType.APPLICATION_JSON)
public class PledgerDeskResource {

    private final PledgerDesk desk;
    private final PledgeLifecycle lifecycle;
    private final Caller caller;

    public PledgerDeskResource(PledgerDesk desk, PledgeLifecycle lifecycle, Caller caller) {
        this.desk = desk;
        this.lifecycle = lifecycle;
        this.caller = caller;
    }

    @GET
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "getPledgerDesk", summary = "The caller's pledges in every status, invitations to answer, reports due",
            description = "For a signed-in person: every pledge of the entities they are an active member of; for a "
                    + "partner system: every pledge of its entity. Every status, drafts included, each as its people see "
                    + "it (invitations, the pending revision); a pledge returned for revision, or one whose revision was "
                    + "returned, carries the Secretariat's comment. Beside them: their counts per status, the "
                    + "invitations waiting for the caller's entities (with links to accept or decline), and the link to "
                    + "reporting-service's list of reports due or overdue. Nothing of an entity the caller does not act "
                    + "for: a pledgerEntityId of another entity narrows the answer to nothing.")
    @APIResponse(responseCode = "200", description = "The desk")
    @APIResponse(responseCode = "400", description = "A parameter the operation does not take; an unknown status; a "
            + "pledgerEntityId that is no UUID; a page or size out of range. Violations name the parameter")
    public PledgerDeskView get(
            @QueryParam("status") @Parameter(description = "Only pledges in these statuses") List<PledgeStatus> statuses,
            @QueryParam("pledgerEntityId") @Parameter(description = "Only these of the caller's entities (their pledges and invitations)") List<UUID> pledgerEntityIds,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        PledgerDesk.Desk answer = desk.of(caller, statuses, pledgerEntityIds, page, size);
        return PledgerDeskView.of(answer, this::insiderView);
    }

    private PledgeView insiderView(Pledge pledge) {
        return PledgeView.forInsider(pledge, pledge.pendingRevision == null ? null : lifecycle.pendingContent(pledge));
    }
}

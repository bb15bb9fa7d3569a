package org.p2c.pledge.api;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.p2c.pledge.api.PledgeRequests.Decision;
import org.p2c.pledge.api.PledgeRequests.Invitation;
import org.p2c.pledge.api.PledgeRequests.NewPledge;
import org.p2c.pledge.api.PledgeRequests.PledgeContent;
import org.p2c.pledge.api.PledgeRequests.Remark;
import org.p2c.pledge.domain.Pledge;
import org.p2c.pledge.domain.PledgeAction;
import org.p2c.pledge.domain.PledgeHistoryEntry;
import org.p2c.pledge.domain.ItuRegion;
import org.p2c.pledge.domain.Pillar;
import org.p2c.pledge.domain.PledgeType;
import org.p2c.pledge.service.PledgeAccess;
import org.p2c.pledge.service.PledgeExplorer;
import org.p2c.support.api.PageView;
import org.p2c.support.api.Versions;
import org.p2c.support.api.Codes;
import org.p2c.support.api.Dates;
import org.p2c.pledge.service.PledgeLifecycle;
import org.p2c.support.api.Caller;
import org.p2c.support.problem.ProblemException;
import org.p2c.support.views.CatchesUpWithViews;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/pledges")
// One transaction per request, so the view is mapped from the state the use case saw.
@Transactional
@Tag(name = "Pledges", description = "Drafting, submission, Secretariat validation, withdrawal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PledgeResource {

    // What the operations answer alike; 401 and 403 for a missing role are added from the security annotations.
    private static final String INVALID = "Invalid input; violations name the fields from the body's root";
    private static final String ABSENT = "Absent, or not visible to the caller";
    private static final String NOT_PLEDGER = "Not one of the pledger entity's people or its partner system";
    private static final String NO_RATE = "No reference rate for the financial value's currency or value date";
    private static final String CATCH_UP = "an entity registered a moment ago is waited for, a few seconds at most";
    static final String DRAFT_EXAMPLE = """
            {"content": {"title": "Community Wi-Fi for 50 villages of Fiji's outer islands",
              "description": "Solar-powered community Wi-Fi hotspots, run with the villages' youth groups.",
              "expectedImpact": "50 villages online, 20,000 people within reach of a hotspot",
              "types": ["PROGRAMMATIC"], "pillars": ["INFRASTRUCTURE"], "global": false,
              "countries": ["FJI"], "primaryRegion": "ASIA_PACIFIC",
              "beneficiaryGroups": ["RURAL_AND_REMOTE_COMMUNITIES"], "sdgs": [9],
              "targets": ["ACC-HOUSEHOLDS"], "startDate": "2027-01-01", "endDate": "2028-12-31"}}""";

    /** The stakeholder types of the pledger entities, as entity-service names them. */
    enum StakeholderType {
        GOVERNMENT, PRIVATE_SECTOR, UN_AGENCY, INTERNATIONAL_OR_REGIONAL_ORGANIZATION, CIVIL_SOCIETY_ACADEMIA_RESEARCH,
        YOUTH_MEDIA_ENTERTAINMENT, OTHER
    }

    private final PledgeLifecycle lifecycle;
    private final PledgeAccess access;
    private final PledgeExplorer explorer;
    private final Caller caller;

    public PledgeResource(PledgeLifecycle lifecycle, PledgeAccess access, PledgeExplorer explorer, Caller caller) {
        this.lifecycle = lifecycle;
        this.access = access;
        this.explorer = explorer;
        this.caller = caller;
    }

    @GET
    @PermitAll
    @Operation(operationId = "explorePledges", summary = "The public explorer: validated pledges, searched and filtered",
            description = "Several values of one filter match any of them; different filters must all match.")
    @APIResponse(responseCode = "200", description = "One page of validated pledges, in the public form")
    @APIResponse(responseCode = "400", description = "A parameter the operation does not take; an unknown focusArea, pillar, type, "
            + "stakeholderType or region; a country, target or sdg out of form; sdg, minUsd, maxUsd, endYear, pledgerEntityId, page or size that cannot be read as a number or id; an endYear outside 1900 to 9999; "
            + "minUsd above maxUsd; a page, size or sort out of range. Violations name the parameter")
    public PageView<PledgeView> explore(
            @QueryParam("q") @Parameter(description = "Words of the title or description") String q,
            @QueryParam("focusArea") List<Pillar.FocusArea> focusAreas,
            @QueryParam("pillar") List<Pillar> pillars,
            @QueryParam("type") List<PledgeType> types,
            @QueryParam("stakeholderType") @Parameter(description = "The pledger entity's stakeholder type") List<StakeholderType> stakeholderTypes,
            @QueryParam("country") @Parameter(description = "ISO 3166-1 alpha-3 code, in any case") @Codes.Country List<String> countries,
            @QueryParam("region") List<ItuRegion> regions,
            @QueryParam("sdg") List<Integer> sdgs,
            @QueryParam("target") @Parameter(description = "P2C target codes") List<String> targets,
            @QueryParam("ldc") @Parameter(description = "true: pledges naming a least developed country") Boolean ldc,
            @QueryParam("lldc") @Parameter(description = "true: pledges naming a landlocked developing country") Boolean lldc,
            @QueryParam("sids") @Parameter(description = "true: pledges naming a small island developing state") Boolean sids,
            @QueryParam("minUsd") @Parameter(description = "Estimated value in USD at least this") BigDecimal minUsd,
            @QueryParam("maxUsd") @Parameter(description = "Estimated value in USD at most this") BigDecimal maxUsd,
            @QueryParam("endYear") @Parameter(description = "Pledges ending in this year", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int32", minimum = "" + Dates.FIRST_YEAR, maximum = "" + Dates.LAST_YEAR)) @Dates.Year Integer endYear,
            @QueryParam("pledgerEntityId") List<UUID> pledgerEntityIds,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @QueryParam("sort") @Parameter(description = "validatedAt (default, desc), title, endDate, valueUsd or reference; ,asc or ,desc") String sort) {
        if (minUsd != null && maxUsd != null && minUsd.compareTo(maxUsd) > 0) {
            throw ProblemException.invalidField(400, "minUsd", "must not be above maxUsd");
        }
        for (String target : targets) {
            if (!target.matches("[A-Z][A-Z0-9-]{2,63}")) {
                throw ProblemException.invalidField(400, "target", "is not a P2C target code");
            }
        }
        for (Integer sdg : sdgs) {
            if (sdg < 1 || sdg > 17) {
                throw ProblemException.invalidField(400, "sdg", "must be between 1 and 17");
            }
        }
        var filters = new PledgeExplorer.Filters(q, focusAreas, pillars, names(types), names(stakeholderTypes), countries,
                names(regions),
                sdgs, targets, ldc, lldc, sids, minUsd, maxUsd, endYear, pledgerEntityIds);
        return explorer.search(filters, page, size, sort).map(PledgeView::of);
    }

    private static List<String> names(List<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).toList();
    }

    @POST
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "draftPledge", summary = "Draft a pledge for an entity the caller acts for",
            description = "Drafts a pledge for the pledger entity in pledgerEntityId, which the caller must act for (as one of its people, or as its partner system); a caller who acts for exactly one entity may leave pledgerEntityId out. Countries and P2C targets are checked against their catalogues, a financial value is normalised to USD with the reference rates, regions and LDC/LLDC/SIDS flags follow from the countries. Until it is validated the pledge is seen only by the pledger's people, its partner system and the Secretariat.")
    @APIResponse(responseCode = "201", description = "Drafted; Location and ETag name it",
            content = @Content(schema = @Schema(implementation = PledgeView.class)))
    @APIResponse(responseCode = "400", description = INVALID + "; countries and targets must be in their catalogues, "
            + "a GLOBAL pledge names no places, endDate is not before startDate")
    @APIResponse(responseCode = "403", description = "The caller does not act for the (verified) entity")
    @APIResponse(responseCode = "404", description = "The entity is not verified and the caller does not act for it")
    @APIResponse(responseCode = "422", description = NO_RATE + "; or pledgerEntityId names no known entity (" + CATCH_UP
            + "); or it is left out by a caller who acts for no entity, or for several (the problem names them)")
    @CatchesUpWithViews
    public Response draft(@Valid @NotNull @RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewPledge.class),
            // What Swagger UI's "Try it out" sends as it stands: valid as shipped for a person of one entity (the
            // demo account noor.pledger), hence no pledgerEntityId, and only catalogue codes.
            examples = @ExampleObject(name = "draft", summary = "A draft for the caller's only entity", value = DRAFT_EXAMPLE)))
                          NewPledge request, @Context UriInfo uri) {
        Pledge pledge = lifecycle.draft(request, caller);
        return Response.created(uri.getAbsolutePathBuilder().path(pledge.id.toString()).build())
                .tag(String.valueOf(pledge.version)).entity(view(pledge)).build();
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Operation(operationId = "getPledge", summary = "One pledge, by id or by reference (P2C-2024-00933)",
            description = "A pledge by its id (a UUID) or its human reference (P2C-2024-00933). Anyone reads a validated pledge in its public form; the pledger entity's people, its partner system and the Secretariat also read drafts, invitations and a pending revision. A pledge the caller may not see is a 404, as if absent.")
    @APIResponse(responseCode = "200", description = "The pledge; ETag is its version. Its people and the Secretariat also see "
            + "invitations and the pending revision", content = @Content(schema = @Schema(implementation = PledgeView.class)))
    @APIResponse(responseCode = "404", description = ABSENT)
    public Response get(@PathParam("id") @Parameter(description = "The pledge's id, or its reference such as P2C-2024-00933")
                        String idOrReference) {
        Pledge pledge = find(idOrReference);
        return Response.ok(view(pledge)).tag(String.valueOf(pledge.version)).build();
    }

    @PUT
    @Path("{id}")
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "editPledge", summary = "Edit a draft or a returned pledge; on a validated pledge, edit its pending revision",
            description = "A validated pledge stays public as validated while its revision waits for the Secretariat: submit the revision with POST …/submission, and the Secretariat validates, returns or rejects it like a first submission.")
    @APIResponse(responseCode = "200", description = "Edited; ETag is the new version",
            content = @Content(schema = @Schema(implementation = PledgeView.class)))
    @APIResponse(responseCode = "400", description = INVALID + "; the same rules as a draft")
    @APIResponse(responseCode = "403", description = NOT_PLEDGER)
    @APIResponse(responseCode = "404", description = ABSENT + "; or the id is not a UUID")
    @APIResponse(responseCode = "409", description = "The pledge is not editable in its status")
    @APIResponse(responseCode = "422", description = NO_RATE)
    public Response edit(@PathParam("id") UUID id, @HeaderParam(Versions.IF_MATCH) String ifMatch,
                         @Valid @NotNull PledgeContent content) {
        Pledge pledge = lifecycle.edit(id, content, PledgeLifecycle.CONTENT_IS_BODY, ifMatch, caller);
        return Response.ok(view(pledge)).tag(String.valueOf(pledge.version)).build();
    }

    @POST
    @Path("{id}/submission")
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "submitPledge", summary = "Submit for validation; gives the pledge its reference",
            description = "Submits a draft or a returned pledge for the Secretariat's validation and gives it its reference; on a validated pledge, submits its pending revision. Only the pledger entity's people or its partner system; the pledge must be complete (a 422 lists what is missing).")
    @APIResponse(responseCode = "200", description = "Submitted (or its pending revision, on a validated pledge)")
    @APIResponse(responseCode = "400", description = INVALID)
    @APIResponse(responseCode = "403", description = NOT_PLEDGER)
    @APIResponse(responseCode = "404", description = ABSENT)
    @APIResponse(responseCode = "409", description = "Not a draft or a returned pledge, nor a validated one with a revision to submit")
    @APIResponse(responseCode = "422", description = "Incomplete: violations list what is missing")
    public PledgeView submit(@PathParam("id") UUID id, @Valid Remark remark) {
        return view(lifecycle.act(id, PledgeAction.SUBMITTED_FOR_VALIDATION, comment(remark), caller));
    }

    @POST
    @Path("{id}/validation")
    @RolesAllowed(Caller.SECRETARIAT)
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "validatePledge", summary = "Validate a submitted pledge: it becomes public (Secretariat)",
            description = "The Secretariat validates a submitted pledge, with an optional comment: it becomes public in the explorer, the open data and the analytics. On a validated pledge with a submitted revision, the revision replaces the public content. The pledger entity must be verified.")
    @APIResponse(responseCode = "200", description = "Validated (or its pending revision)")
    @APIResponse(responseCode = "400", description = INVALID)
    @APIResponse(responseCode = "404", description = "Absent, or a draft")
    @APIResponse(responseCode = "409", description = "Not submitted, or the pledger entity is not verified")
    public PledgeView validate(@PathParam("id") UUID id, @Valid Remark remark) {
        return view(lifecycle.act(id, PledgeAction.VALIDATED_BY_SECRETARIAT, comment(remark), caller));
    }

    @POST
    @Path("{id}/return")
    @RolesAllowed(Caller.SECRETARIAT)
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "returnPledge", summary = "Return a submitted pledge for revision, with comments (Secretariat)",
            description = "The Secretariat returns a submitted pledge (or its submitted revision) to the pledger for revision, with comments on what to change; the pledger edits and submits it again.")
    @APIResponse(responseCode = "200", description = "Returned for revision (or its pending revision)")
    @APIResponse(responseCode = "400", description = INVALID + "; the comment is required")
    @APIResponse(responseCode = "404", description = "Absent, or a draft")
    @APIResponse(responseCode = "409", description = "Not submitted")
    public PledgeView returnForRevision(@PathParam("id") UUID id, @Valid @NotNull Decision decision) {
        return view(lifecycle.act(id, PledgeAction.RETURNED_FOR_REVISION_BY_SECRETARIAT, decision.comment(), caller));
    }

    @POST
    @Path("{id}/rejection")
    @RolesAllowed(Caller.SECRETARIAT)
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "rejectPledge", summary = "Reject a submitted pledge, with the reason (Secretariat)",
            description = "The Secretariat rejects a submitted pledge (or its submitted revision), with the reason recorded in the pledge's history. A rejected pledge does not become public.")
    @APIResponse(responseCode = "200", description = "Rejected (or its pending revision)")
    @APIResponse(responseCode = "400", description = INVALID + "; the comment is required")
    @APIResponse(responseCode = "404", description = "Absent, or a draft")
    @APIResponse(responseCode = "409", description = "Not submitted")
    public PledgeView reject(@PathParam("id") UUID id, @Valid @NotNull Decision decision) {
        return view(lifecycle.act(id, PledgeAction.REJECTED_BY_SECRETARIAT, decision.comment(), caller));
    }

    @POST
    @Path("{id}/withdrawal")
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "withdrawPledge", summary = "Withdraw a validated pledge (the pledger)",
            description = "The pledger withdraws a validated pledge, with an optional comment: it leaves the explorer and open data, and analytics stop counting it from the withdrawal's day. Only the pledger entity's people or its partner system.")
    @APIResponse(responseCode = "200", description = "Withdrawn")
    @APIResponse(responseCode = "400", description = INVALID)
    @APIResponse(responseCode = "403", description = NOT_PLEDGER)
    @APIResponse(responseCode = "404", description = ABSENT)
    @APIResponse(responseCode = "409", description = "Not validated")
    public PledgeView withdraw(@PathParam("id") UUID id, @Valid Remark remark) {
        return view(lifecycle.act(id, PledgeAction.WITHDRAWN_BY_PLEDGER, comment(remark), caller));
    }

    @GET
    @Path("{id}/history")
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "getPledgeHistory", summary = "Every transition with actor, time and comment (pledger and Secretariat)",
            description = "Every transition of the pledge with its actor, time and comment, oldest first. For the pledger entity's people, its partner system and the Secretariat.")
    @APIResponse(responseCode = "200", description = "The transitions, oldest first")
    @APIResponse(responseCode = "403", description = "Sees the pledge but is neither its pledger nor the Secretariat")
    @APIResponse(responseCode = "404", description = ABSENT)
    public List<PledgeView.HistoryView> history(@PathParam("id") UUID id) {
        Pledge pledge = access.load(id, caller);
        if (!access.isInsider(pledge, caller)) {
            throw new ProblemException(403, "forbidden", "Forbidden", "Only the pledger and the Secretariat read the history");
        }
        return PledgeHistoryEntry.<PledgeHistoryEntry>list("pledgeId = ?1 order by seq", id).stream()
                .map(h -> new PledgeView.HistoryView(h.action.eventType().split("\\.")[2].replace('-', '_').toUpperCase(), h.fromStatus,
                        h.toStatus, h.actor, h.at, h.comment))
                .toList();
    }

    @POST
    @Path("{id}/collaborators")
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "inviteCollaborator", summary = "Invite another entity into the pledge with a role (the pledger)",
            description = "The pledger invites another entity into the pledge with a role (what it does in the pledge); the invited entity's people accept or decline. Only the pledger entity's people or its partner system.")
    @APIResponse(responseCode = "200", description = "The pledge with the invitation")
    @APIResponse(responseCode = "400", description = INVALID)
    @APIResponse(responseCode = "403", description = NOT_PLEDGER)
    @APIResponse(responseCode = "404", description = ABSENT)
    @APIResponse(responseCode = "409", description = "Already invited or collaborating, or the pledge is closed")
    @APIResponse(responseCode = "422", description = "The pledger entity itself; or entityId names no known entity (" + CATCH_UP + ")")
    @CatchesUpWithViews
    public PledgeView invite(@PathParam("id") UUID id, @Valid @NotNull Invitation invitation) {
        return view(lifecycle.invite(id, invitation.entityId(), invitation.role(), caller));
    }

    @POST
    @Path("{id}/collaborators/{entityId}/acceptance")
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "acceptCollaboration", summary = "Accept an invitation to collaborate (the invited entity's people)",
            description = "The invited entity accepts the pledger's invitation: it collaborates on the pledge with the role it was invited with. Only the invited entity's people.")
    @APIResponse(responseCode = "200", description = "The pledge with the answer")
    @APIResponse(responseCode = "403", description = "Not one of the invited entity's people")
    @APIResponse(responseCode = "404", description = ABSENT + "; or the entity was not invited")
    @APIResponse(responseCode = "409", description = "Already answered")
    public PledgeView accept(@PathParam("id") UUID id, @PathParam("entityId") UUID entityId) {
        return view(lifecycle.answer(id, entityId, true, caller));
    }

    @POST
    @Path("{id}/collaborators/{entityId}/refusal")
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "declineCollaboration", summary = "Decline an invitation to collaborate (the invited entity's people)",
            description = "The invited entity declines the pledger's invitation; the pledge goes on without it. Only the invited entity's people.")
    @APIResponse(responseCode = "200", description = "The pledge with the answer")
    @APIResponse(responseCode = "403", description = "Not one of the invited entity's people")
    @APIResponse(responseCode = "404", description = ABSENT + "; or the entity was not invited")
    @APIResponse(responseCode = "409", description = "Already answered")
    public PledgeView decline(@PathParam("id") UUID id, @PathParam("entityId") UUID entityId) {
        return view(lifecycle.answer(id, entityId, false, caller));
    }

    /** Insiders see invitations and the pending revision; everyone else the public form. */
    private PledgeView view(Pledge pledge) {
        if (!access.isInsider(pledge, caller)) {
            return PledgeView.of(pledge);
        }
        return PledgeView.forInsider(pledge, pledge.pendingRevision == null ? null : lifecycle.pendingContent(pledge));
    }

    private Pledge find(String idOrReference) {
        if (idOrReference.startsWith("P2C-")) {
            Pledge byReference = Pledge.find("reference", idOrReference).firstResult();
            if (byReference == null) {
                throw ProblemException.notFound("Pledge " + idOrReference);
            }
            return access.load(byReference.id, caller);
        }
        try {
            return access.load(UUID.fromString(idOrReference), caller);
        } catch (IllegalArgumentException notAnId) {
            throw ProblemException.notFound("Pledge " + idOrReference);
        }
    }

    private static String comment(Remark remark) {
        return remark == null ? null : remark.comment();
    }
}

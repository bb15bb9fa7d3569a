package org.p2c.entity.api;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.p2c.entity.api.EntityRequests.EntityProfile;
import org.p2c.entity.api.EntityRequests.FocalPointHandover;
import org.p2c.entity.api.EntityRequests.NewMember;
import org.p2c.entity.api.EntityRequests.PartnerClientBinding;
import org.p2c.entity.api.EntityRequests.Rejection;
import org.p2c.entity.api.EntityRequests.StatusChange;
import org.p2c.entity.api.EntityViews.EntityView;
import org.p2c.entity.api.EntityViews.HistoryView;
import org.p2c.entity.api.EntityViews.MemberView;
import org.p2c.entity.api.EntityViews.PartnerClientView;
import org.p2c.entity.domain.EntityAction;
import org.p2c.entity.domain.EntityStatus;
import org.p2c.entity.domain.Membership;
import org.p2c.entity.domain.PledgerEntity;
import org.p2c.entity.domain.StakeholderType;
import org.p2c.entity.domain.reference.ItuRegion;
import org.p2c.entity.service.EntityDirectory;
import org.p2c.entity.service.EntityRegistry;
import org.p2c.support.api.Caller;
import org.p2c.support.api.Codes;
import org.p2c.support.api.PageView;
import org.p2c.support.api.Versions;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/entities")
// One transaction per request, so the views are mapped from the same consistent state the use case saw.
@Transactional
@Tag(name = "Entities", description = "Pledger organisations: registration, verification, directory, people, partner systems")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EntityResource {

    // What the operations answer alike; 401 and 403 for a missing role are added from the security annotations.
    private static final String INVALID = "Invalid input; violations name the fields";
    private static final String ABSENT = "Absent, or not visible to the caller";
    private static final String NOT_INSIDER = "Neither a member of the entity, its partner system, nor the Secretariat";
    private static final String NOT_FOCAL_POINT = "Neither the entity's focal point nor the Secretariat";

    private final EntityRegistry registry;
    private final EntityDirectory directory;
    private final EntityMapper mapper;
    private final Caller caller;

    public EntityResource(EntityRegistry registry, EntityDirectory directory, EntityMapper mapper, Caller caller) {
        this.registry = registry;
        this.directory = directory;
        this.mapper = mapper;
        this.caller = caller;
    }

    @POST
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "registerEntity", summary = "Register an entity; the caller becomes its focal point",
            description = "Any signed-in person may register an organisation; it starts pending verification by the Secretariat and is visible only to its members and the Secretariat until then. The caller becomes its focal point. Partner systems cannot register entities. Names that look like an existing entity's in the same country are not refused: they show in possibleDuplicates.")
    @APIResponse(responseCode = "201", description = "Registered, pending verification; Location and ETag name it",
            content = @Content(schema = @Schema(implementation = EntityView.class)))
    @APIResponse(responseCode = "400", description = INVALID + "; headquartersCountry must be in the reference data")
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "403", description = "A partner system cannot register entities")
    public Response register(@Valid @NotNull EntityProfile profile, @jakarta.ws.rs.core.Context UriInfo uri) {
        PledgerEntity entity = registry.register(profile, caller);
        return Response.created(uri.getAbsolutePathBuilder().path(entity.id.toString()).build())
                .tag(String.valueOf(entity.version))
                .entity(view(entity)).build();
    }

    @GET
    @PermitAll
    @Operation(operationId = "searchEntities", summary = "Search the directory",
            description = "Verified entities for everyone; pending, rejected and suspended ones only for their members and the Secretariat")
    @APIResponse(responseCode = "200", description = "One page of entities, in the public form")
    @APIResponse(responseCode = "400", description = "A parameter the operation does not take, an unknown stakeholderType, ituRegion or status, a country that is not three letters, a page or size that is not a number, or a page, size or sort out of range; violations name the parameter")
    public PageView<EntityView> search(
            @QueryParam("q") @Parameter(description = "Words of the name or the acronym") String q,
            @QueryParam("stakeholderType") List<StakeholderType> stakeholderTypes,
            @QueryParam("country") @Parameter(description = "ISO 3166-1 alpha-3 code of the headquarters, in any case") @Codes.Country List<String> countries,
            @QueryParam("ituRegion") List<ItuRegion> ituRegions,
            @QueryParam("ldc") Boolean ldc,
            @QueryParam("lldc") Boolean lldc,
            @QueryParam("sids") Boolean sids,
            @QueryParam("status") List<EntityStatus> statuses,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @QueryParam("sort") @Parameter(description = "name, registeredAt or headquartersCountry; ,asc or ,desc") String sort) {
        var filters = new EntityDirectory.Filters(q, stakeholderTypes, countries, ituRegions, ldc, lldc, sids, statuses);
        return directory.search(filters, page, size, sort, caller).map(e -> mapper.view(e, false, List.of()));
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Operation(operationId = "getEntity", summary = "One entity",
            description = "The focal point and possible duplicates only for the entity's members, its partner system and the Secretariat.")
    @APIResponse(responseCode = "200", description = "The entity; ETag is its version",
            content = @Content(schema = @Schema(implementation = EntityView.class)))
    @APIResponse(responseCode = "404", description = ABSENT + "; or the id is not a UUID")
    public Response get(@PathParam("id") UUID id) {
        PledgerEntity entity = directory.get(id, caller);
        return Response.ok(view(entity)).tag(String.valueOf(entity.version)).build();
    }

    @PUT
    @Path("{id}")
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "updateEntity", summary = "Update the profile (focal point or Secretariat)",
            description = "Replaces the profile (name, acronym, stakeholder type, headquarters country, website, description, focal point contact) of the entity. Only its focal point or the Secretariat may; send the ETag of the version you read in If-Match (missing is 428, stale is 412).")
    @APIResponse(responseCode = "200", description = "Updated; ETag is the new version",
            content = @Content(schema = @Schema(implementation = EntityView.class)))
    @APIResponse(responseCode = "400", description = INVALID + "; headquartersCountry must be in the reference data")
    @APIResponse(responseCode = "403", description = NOT_FOCAL_POINT)
    @APIResponse(responseCode = "404", description = ABSENT)
    public Response update(@PathParam("id") UUID id,
                           @HeaderParam(Versions.IF_MATCH) String ifMatch,
                           @Valid @NotNull EntityProfile profile) {
        PledgerEntity entity = registry.update(id, profile, ifMatch, caller);
        return Response.ok(view(entity)).tag(String.valueOf(entity.version)).build();
    }

    @POST
    @Path("{id}/verification")
    @RolesAllowed(Caller.SECRETARIAT)
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "verifyEntity", summary = "Verify a pending entity (Secretariat)",
            description = "The Secretariat verifies a pending entity, with an optional reason: it becomes public in the directory. The decision is recorded in the entity's history.")
    @APIResponse(responseCode = "200", description = "The entity in its new status")
    @APIResponse(responseCode = "400", description = INVALID)
    @APIResponse(responseCode = "404", description = "Absent")
    @APIResponse(responseCode = "409", description = "Not pending verification")
    public EntityView verify(@PathParam("id") UUID id, @Valid StatusChange change) {
        return view(registry.decide(id, EntityAction.VERIFIED, change == null ? null : change.reason(), caller));
    }

    @POST
    @Path("{id}/rejection")
    @RolesAllowed(Caller.SECRETARIAT)
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "rejectEntity", summary = "Reject a pending entity, with a reason (Secretariat)",
            description = "The Secretariat rejects a pending entity, with a reason that is recorded in the entity's history. A rejected entity stays visible only to its members and the Secretariat.")
    @APIResponse(responseCode = "200", description = "The entity in its new status")
    @APIResponse(responseCode = "400", description = INVALID)
    @APIResponse(responseCode = "404", description = "Absent")
    @APIResponse(responseCode = "409", description = "Not pending verification")
    public EntityView reject(@PathParam("id") UUID id, @Valid @NotNull Rejection rejection) {
        return view(registry.decide(id, EntityAction.REJECTED, rejection.reason(), caller));
    }

    @POST
    @Path("{id}/suspension")
    @RolesAllowed(Caller.SECRETARIAT)
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "suspendEntity", summary = "Suspend a verified entity, with a reason (Secretariat)",
            description = "The Secretariat suspends a verified entity, with a reason recorded in its history. A suspended entity is no longer public in the directory; it can be reinstated.")
    @APIResponse(responseCode = "200", description = "The entity in its new status")
    @APIResponse(responseCode = "400", description = INVALID)
    @APIResponse(responseCode = "404", description = "Absent")
    @APIResponse(responseCode = "409", description = "Not verified")
    public EntityView suspend(@PathParam("id") UUID id, @Valid @NotNull Rejection reason) {
        return view(registry.decide(id, EntityAction.SUSPENDED, reason.reason(), caller));
    }

    @POST
    @Path("{id}/reinstatement")
    @RolesAllowed(Caller.SECRETARIAT)
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "reinstateEntity", summary = "Reinstate a suspended entity (Secretariat)",
            description = "The Secretariat reinstates a suspended entity, with an optional reason recorded in its history: it is verified, and public, again.")
    @APIResponse(responseCode = "200", description = "The entity in its new status")
    @APIResponse(responseCode = "400", description = INVALID)
    @APIResponse(responseCode = "404", description = "Absent")
    @APIResponse(responseCode = "409", description = "Not suspended")
    public EntityView reinstate(@PathParam("id") UUID id, @Valid StatusChange change) {
        return view(registry.decide(id, EntityAction.REINSTATED, change == null ? null : change.reason(), caller));
    }

    @GET
    @Path("{id}/history")
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "getEntityHistory", summary = "Every change, append-only (members and Secretariat)",
            description = "The entity's append-only history: each change with its actor (OIDC subject, or client:<id> for a partner system), time, status before and after, and reason. For the entity's members, its partner system and the Secretariat.")
    @APIResponse(responseCode = "200", description = "The changes, oldest first")
    @APIResponse(responseCode = "403", description = NOT_INSIDER)
    @APIResponse(responseCode = "404", description = ABSENT)
    public List<HistoryView> history(@PathParam("id") UUID id) {
        return directory.history(id, caller).stream().map(mapper::history).toList();
    }

    @GET
    @Path("{id}/members")
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "listEntityMembers", summary = "The entity's people (members and Secretariat)",
            description = "The people who act for the entity: its focal point, its members, and e-mail invitations not yet accepted. For the entity's members, its partner system and the Secretariat.")
    @APIResponse(responseCode = "200", description = "The focal point, members and pending e-mail invitations")
    @APIResponse(responseCode = "403", description = NOT_INSIDER)
    @APIResponse(responseCode = "404", description = ABSENT)
    public List<MemberView> members(@PathParam("id") UUID id) {
        return directory.members(id, caller).stream().map(mapper::member).toList();
    }

    @POST
    @Path("{id}/members")
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "addEntityMember", summary = "Add a person by subject, or invite by e-mail (focal point)",
            description = "Adds a person to the entity, by ITU account subject or, as an invitation, by e-mail address (exactly one of them). An invitation binds on the invitee's first GET /api/v1/me/entities, and only to an account whose e-mail address is verified. Only the focal point or the Secretariat may.")
    @APIResponse(responseCode = "201", description = "Added or invited",
            content = @Content(schema = @Schema(implementation = MemberView.class)))
    @APIResponse(responseCode = "400", description = INVALID + "; exactly one of subject and email")
    @APIResponse(responseCode = "403", description = NOT_FOCAL_POINT)
    @APIResponse(responseCode = "404", description = ABSENT)
    @APIResponse(responseCode = "409", description = "Already a member or invited")
    public Response addMember(@PathParam("id") UUID id, @Valid @NotNull NewMember member) {
        Membership added = registry.addMember(id, member, caller);
        return Response.status(201).entity(mapper.member(added)).build();
    }

    @DELETE
    @Path("{id}/members/{memberId}")
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "removeEntityMember", summary = "Remove a person (focal point)",
            description = "Removes a person from the entity, or an e-mail invitation not yet accepted; the change is recorded in the entity's history. The last focal point cannot be removed: hand the role over first. Only the focal point or the Secretariat may.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = NOT_FOCAL_POINT)
    @APIResponse(responseCode = "404", description = "The entity (or the member) is absent, or not visible to the caller")
    @APIResponse(responseCode = "409", description = "The last focal point")
    public void removeMember(@PathParam("id") UUID id, @PathParam("memberId") UUID memberId) {
        registry.removeMember(id, memberId, caller);
    }

    @POST
    @Path("{id}/focal-point-handover")
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "handOverFocalPoint", summary = "Hand the focal-point role to another member (focal point)",
            description = "Makes another member of the entity its focal point; the former focal point stays on as a member. Only the current focal point or the Secretariat may, and a person invited by e-mail must have accepted the invitation first.")
    @APIResponse(responseCode = "200", description = "The entity; the former focal point stays on as a member")
    @APIResponse(responseCode = "400", description = INVALID)
    @APIResponse(responseCode = "403", description = NOT_FOCAL_POINT)
    @APIResponse(responseCode = "404", description = "The entity (or the member) is absent, or not visible to the caller")
    @APIResponse(responseCode = "409", description = "The member has not accepted the e-mail invitation yet")
    public EntityView handOver(@PathParam("id") UUID id, @Valid @NotNull FocalPointHandover handover) {
        return view(registry.handOverFocalPoint(id, handover.memberId(), caller));
    }

    @GET
    @Path("{id}/partner-clients")
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "listPartnerClients", summary = "Partner systems bound to the entity (members and Secretariat)",
            description = "The OIDC clients (client credentials) bound to the entity, the partner systems that act for it, with when and by whom each was bound. For the entity's members, its partner system and the Secretariat.")
    @APIResponse(responseCode = "200", description = "The bound partner systems")
    @APIResponse(responseCode = "403", description = NOT_INSIDER)
    @APIResponse(responseCode = "404", description = ABSENT)
    public List<PartnerClientView> partnerClients(@PathParam("id") UUID id) {
        return directory.partnerClients(id, caller).stream().map(mapper::partnerClient).toList();
    }

    @POST
    @Path("{id}/partner-clients")
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "bindPartnerClient", summary = "Bind an OIDC client-credentials client (focal point or Secretariat)",
            description = "Binds an OIDC client of the realm (client credentials) to the entity, so that the partner system's tokens act for it. A client is bound to one entity at most. Only the focal point or the Secretariat may.")
    @APIResponse(responseCode = "201", description = "Bound",
            content = @Content(schema = @Schema(implementation = PartnerClientView.class)))
    @APIResponse(responseCode = "400", description = INVALID)
    @APIResponse(responseCode = "403", description = NOT_FOCAL_POINT)
    @APIResponse(responseCode = "404", description = ABSENT)
    @APIResponse(responseCode = "409", description = "The client is bound to an entity already")
    public Response bindPartnerClient(@PathParam("id") UUID id, @Valid @NotNull PartnerClientBinding binding) {
        return Response.status(201).entity(mapper.partnerClient(registry.bindPartnerClient(id, binding.clientId(), caller))).build();
    }

    @DELETE
    @Path("{id}/partner-clients/{clientId}")
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "unbindPartnerClient", summary = "Unbind a partner system (focal point or Secretariat)",
            description = "Unbinds a partner system from the entity: its tokens no longer act for it. Only the focal point or the Secretariat may.")
    @APIResponse(responseCode = "204", description = "Unbound")
    @APIResponse(responseCode = "403", description = NOT_FOCAL_POINT)
    @APIResponse(responseCode = "404", description = "The entity is absent or not visible to the caller, or the client is not bound to it")
    public void unbindPartnerClient(@PathParam("id") UUID id, @PathParam("clientId") String clientId) {
        registry.unbindPartnerClient(id, clientId, caller);
    }

    private EntityView view(PledgerEntity entity) {
        boolean insider = directory.isInsider(entity, caller);
        return mapper.view(entity, insider, insider ? directory.similarTo(entity) : List.of());
    }
}

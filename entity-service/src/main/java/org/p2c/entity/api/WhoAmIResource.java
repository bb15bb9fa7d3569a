package org.p2c.entity.api;

import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.p2c.entity.domain.EntityStatus;
import org.p2c.entity.domain.PartnerClient;
import org.p2c.entity.service.EntityDirectory;
import org.p2c.entity.service.EntityRegistry;
import org.p2c.support.api.Caller;
import org.p2c.support.problem.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Who the caller is, as this platform sees it: the token's identity and roles, and the entities it acts for. */
@Path("/api/v1/me")
@Tag(name = "Me", description = "The signed-in caller")
@Produces(MediaType.APPLICATION_JSON)
public class WhoAmIResource {

    /** How the caller is tied to an entity. */
    @Schema(name = "EntityRelation")
    public enum Relation { FOCAL_POINT, MEMBER, PARTNER_CLIENT }

    @Schema(name = "MeEntity", description = "An entity the caller acts for, and how")
    public record MeEntity(UUID id, String name, EntityStatus status, Relation relation) {
    }

    @Schema(name = "Me", description = "The caller: identity and roles from the token, entities from this service")
    public record MeView(
            @Schema(example = "5f0c8a9e-3b1d-4c51-9a43-0d6c2f7b8e11") String subject,
            @Schema(nullable = true, example = "amina.pledger") String username,
            @Schema(nullable = true, example = "Amina Diallo") String name,
            @Schema(nullable = true, example = "amina@example.org") String email,
            boolean emailVerified,
            @Schema(example = "[\"pledger\"]") List<String> roles,
            @Schema(nullable = true, description = "The client id of a partner system (client-credentials token); null for people",
                    example = "partner-gsma-demo") String clientId,
            List<MeEntity> entities) {
    }

    private final EntityDirectory directory;
    private final EntityRegistry registry;
    private final Caller caller;
    private final JsonWebToken token;

    public WhoAmIResource(EntityDirectory directory, EntityRegistry registry, Caller caller, JsonWebToken token) {
        this.directory = directory;
        this.registry = registry;
        this.caller = caller;
        this.token = token;
    }

    @GET
    @Authenticated
    @Transactional
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "getMe", summary = "Who the caller is: identity, roles and entities",
            description = "For a person: the entities they belong to (as focal point or member); pending e-mail "
                    + "invitations for their verified address are bound here, as on /api/v1/me/entities. For a partner "
                    + "system: its client id and the one entity it is bound to.")
    @APIResponse(responseCode = "200", description = "The caller", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MeView.class),
            examples = @ExampleObject(name = "pledger", value = """
                    {"subject": "5f0c8a9e-3b1d-4c51-9a43-0d6c2f7b8e11", "username": "amina.pledger",
                     "name": "Amina Diallo", "email": "amina@example.org", "emailVerified": true,
                     "roles": ["pledger"], "clientId": null, "entities": [{"id": "0b7e4f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b",
                     "name": "Ministry of Posts and Telecommunications", "status": "VERIFIED", "relation": "FOCAL_POINT"}]}""")))
    @APIResponse(responseCode = "401", description = "Not signed in, or the token is not valid", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "unauthorized", value = """
                    {"type": "https://p2c.example/problems/unauthorized", "title": "Unauthorized", "status": 401,
                     "detail": "A valid bearer token is required", "instance": "/api/v1/me"}""")))
    public MeView me() {
        List<MeEntity> entities = new ArrayList<>();
        String clientId = caller.partnerClientId().orElse(null);
        if (clientId != null) {
            PartnerClient binding = PartnerClient.findById(clientId);
            if (binding != null) {
                entities.add(new MeEntity(binding.entity.id, binding.entity.name, binding.entity.status,
                        Relation.PARTNER_CLIENT));
            }
        } else {
            registry.bindInvitations(caller);
            directory.membershipsOf(caller).forEach(m -> entities.add(new MeEntity(m.entity.id, m.entity.name,
                    m.entity.status, Relation.valueOf(m.role.name()))));
        }
        return new MeView(caller.subject(), token.<String>getClaim("preferred_username"), token.<String>getClaim("name"),
                token.<String>getClaim("email"), Boolean.TRUE.equals(token.getClaim("email_verified")),
                caller.roles().stream().sorted().toList(), clientId, entities);
    }
}

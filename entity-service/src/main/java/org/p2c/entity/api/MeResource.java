package org.p2c.entity.api;

import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.p2c.entity.api.EntityViews.MyEntityView;
import org.p2c.entity.service.EntityDirectory;
import org.p2c.entity.service.EntityRegistry;
import org.p2c.support.api.Caller;

import java.util.List;

@Path("/api/v1/me/entities")
@Tag(name = "Me", description = "The signed-in caller")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    private final EntityDirectory directory;
    private final EntityRegistry registry;
    private final Caller caller;

    public MeResource(EntityDirectory directory, EntityRegistry registry, Caller caller) {
        this.directory = directory;
        this.registry = registry;
        this.caller = caller;
    }

    @GET
    @Authenticated
    @Transactional
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "listMyEntities", summary = "The entities the caller belongs to, and as what",
            description = "Frontends call this after sign-in: e-mail invitations waiting for the caller's verified address are bound to the account here.")
    @APIResponse(responseCode = "200", description = "The caller's entities, oldest membership first; none for a partner system")
    @APIResponse(responseCode = "401", description = "Not signed in")
    public List<MyEntityView> myEntities() {
        registry.bindInvitations(caller);
        return directory.membershipsOf(caller).stream()
                .map(m -> new MyEntityView(m.entity.id, m.entity.name, m.entity.status, m.role))
                .toList();
    }
}

package org.p2c.pledge.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import org.p2c.pledge.domain.P2cTarget;
import org.p2c.pledge.domain.Pillar;
import org.p2c.support.api.Caller;
import org.p2c.support.problem.ProblemException;

import java.time.Instant;
import java.util.List;

/** The P2C targets catalogue: public to read, extended by the Secretariat. */
@Path("/api/v1/p2c-targets")
@Tag(name = "Reference data", description = "P2C targets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Transactional
public class P2cTargetResource {

    @Schema(name = "P2cTarget", example = """
            {"code": "ACC-SCHOOLS", "focusArea": "ACCESS", "targetYear": 2030,
             "description": "100% of schools are connected to the Internet", "source": "CATALOGUE"}""")
    public record TargetView(String code, String focusArea, int targetYear, String description, String source) {
        static TargetView of(P2cTarget t) {
            return new TargetView(t.code, t.focusArea, t.targetYear, t.description, t.source);
        }
    }

    @Schema(name = "NewP2cTarget")
    public record NewTarget(
            @NotBlank @Pattern(regexp = "^[A-Z][A-Z0-9-]{2,63}$", message = "must be upper-case letters, digits and dashes")
            @Size(max = 64) @Schema(example = "ACC-COMMUNITY-NETWORKS") String code,
            @NotNull Pillar.FocusArea focusArea,
            @Min(2020) @Max(2100) int targetYear,
            @NotBlank @Size(max = 500) String description) {
    }

    private final Caller caller;

    public P2cTargetResource(Caller caller) {
        this.caller = caller;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listP2cTargets", summary = "The P2C targets with their stable codes",
            description = "The P2C targets a pledge may address, by stable code: the catalogue's and those the Secretariat added, with focus area, target year, description and source. Public.")
    @APIResponse(responseCode = "200", description = "The catalogue's targets and the Secretariat's, by code")
    public List<TargetView> list() {
        return P2cTarget.<P2cTarget>listAll(io.quarkus.panache.common.Sort.by("code")).stream().map(TargetView::of).toList();
    }

    @POST
    @RolesAllowed(Caller.SECRETARIAT)
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "addP2cTarget", summary = "Add a target to the catalogue (Secretariat)",
            description = "The Secretariat adds a target to the catalogue, with a stable upper-case code that pledges then name in their targets; a code that exists already is a 409.")
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(schema = @Schema(implementation = TargetView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input; violations name the fields")
    @APIResponse(responseCode = "409", description = "The code exists already")
    public Response add(@Valid @NotNull NewTarget request) {
        if (P2cTarget.findById(request.code()) != null) {
            throw ProblemException.conflict("Target " + request.code() + " exists already; codes are never reused");
        }
        P2cTarget target = new P2cTarget();
        target.code = request.code();
        target.focusArea = request.focusArea().name();
        target.targetYear = request.targetYear();
        target.description = request.description().trim();
        target.source = "SECRETARIAT";
        target.addedBy = caller.actor();
        target.addedAt = Instant.now();
        target.persist();
        return Response.status(201).entity(TargetView.of(target)).build();
    }
}

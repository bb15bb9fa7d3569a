package org.p2c.reporting.api;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
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
import org.p2c.reporting.domain.ComplianceState;
import org.p2c.reporting.service.Compliance;
import org.p2c.reporting.service.Reporters;
import org.p2c.support.api.Caller;
import org.p2c.support.api.Codes;
import org.p2c.support.api.PageRequest;
import org.p2c.support.api.PageView;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/reports/compliance")
@Transactional
@Tag(name = "Reporting compliance", description = "Which validated pledges owe a progress report")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "A parameter the operation does not take, or an unknown filter value; violations name the parameter")
public class ComplianceResource {

    /** The ITU regions, as the pledges name them. */
    enum ItuRegion { AFRICA, AMERICAS, ARAB_STATES, ASIA_PACIFIC, CIS, EUROPE }

    /** The stakeholder types of the pledger entities, as entity-service names them. */
    enum StakeholderType {
        GOVERNMENT, PRIVATE_SECTOR, UN_AGENCY, INTERNATIONAL_OR_REGIONAL_ORGANIZATION, CIVIL_SOCIETY_ACADEMIA_RESEARCH,
        YOUTH_MEDIA_ENTERTAINMENT, OTHER
    }

    private final Compliance compliance;
    private final Reporters reporters;
    private final Caller caller;

    public ComplianceResource(Compliance compliance, Reporters reporters, Caller caller) {
        this.compliance = compliance;
        this.reporters = reporters;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Caller.SECRETARIAT)
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "listReportingCompliance", summary = "Validated pledges by reporting standing (Secretariat); overdue ones by default",
            description = "A report is due one cadence (a year) after the latest submitted report, or after the first validation while there is none. "
                    + "DUE: due within 30 days, the due date included; OVERDUE: the due date has passed. Several values of one filter match any of them.")
    @APIResponse(responseCode = "200", description = "Standings, soonest due date first")
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "403", description = "Not the Secretariat")
    public PageView<Compliance.Standing> list(
            @QueryParam("state") @Parameter(description = "UP_TO_DATE, DUE or OVERDUE (default OVERDUE)") List<ComplianceState> states,
            @QueryParam("entityId") List<String> entityIds,
            @QueryParam("stakeholderType") List<StakeholderType> stakeholderTypes,
            @QueryParam("region") @Parameter(description = "Named by the pledge or the ITU region of one of its countries") List<ItuRegion> regions,
            @QueryParam("country") @Parameter(description = "ISO 3166-1 alpha-3 code, in any case") @Codes.Country List<String> countries,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @QueryParam("sort") @Parameter(description = "dueDate (default, asc) or reference; ,asc or ,desc") String sort) {
        var filters = new Compliance.Filters(
                states.isEmpty() ? List.of(ComplianceState.OVERDUE) : states,
                entityIds.stream().map(id -> ReportResource.uuid(id, "entityId")).toList(),
                names(stakeholderTypes),
                names(regions),
                countries);
        return compliance.list(filters, PageRequest.of(page, size, sort, Compliance.SORTABLE, "dueDate,asc"));
    }

    @GET
    @Path("to-do")
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "listMyReportsToDo", summary = "The caller's entities' validated pledges that owe a report (DUE and OVERDUE by default)",
            description = "For a person, the entities they are a member of; for a partner system, the entity it is bound to. "
                    + "draftReportId names a draft in progress, if any.")
    @APIResponse(responseCode = "200", description = "Standings, soonest due date first")
    @APIResponse(responseCode = "401", description = "Not signed in")
    public PageView<Compliance.Standing> toDo(
            @QueryParam("state") @Parameter(description = "UP_TO_DATE, DUE or OVERDUE (default DUE and OVERDUE)") List<ComplianceState> states,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        List<ComplianceState> wanted = states.isEmpty() ? List.of(ComplianceState.DUE, ComplianceState.OVERDUE) : states;
        PageRequest request = PageRequest.of(page, size, null, Compliance.SORTABLE, "dueDate,asc");
        List<UUID> mine = reporters.entitiesOf(caller);
        if (mine.isEmpty()) {
            return PageView.of(List.of(), request, 0);
        }
        return compliance.list(new Compliance.Filters(wanted, mine, List.of(), List.of(), List.of()), request);
    }

    private static List<String> names(List<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).toList();
    }
}

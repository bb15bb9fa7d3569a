package org.p2c.reporting.api;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.p2c.reporting.api.ReportRequests.NewReport;
import org.p2c.reporting.api.ReportRequests.ReportContent;
import org.p2c.reporting.domain.KnownPledge;
import org.p2c.reporting.domain.ProgressReport;
import org.p2c.reporting.domain.ReportStatus;
import org.p2c.reporting.service.ReportAccess;
import org.p2c.reporting.service.ReportAccess.Visibility;
import org.p2c.reporting.service.ReportLifecycle;
import org.p2c.support.api.Caller;
import org.p2c.support.api.PageRequest;
import org.p2c.support.api.PageView;
import org.p2c.support.api.Versions;
import org.p2c.support.problem.ProblemException;
import org.p2c.support.views.CatchesUpWithViews;

import java.util.List;
import java.util.Set;
import java.util.UUID;

@Path("/api/v1/reports")
// One transaction per request, so the view is mapped from the state the use case saw.
@Transactional
@Tag(name = "Progress reports", description = "Drafting, submission and correction of progress reports on validated pledges")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReportResource {

    // What the operations answer alike; 401 is added from the security annotations.
    private static final String INVALID = "Invalid input; violations name the fields";
    private static final String NOT_WRITER = "Absent, or not a report the caller writes";
    private static final String SECRETARIAT_READS_ONLY = "The Secretariat reads submitted reports but does not write them";

    private static final Set<String> SORTABLE = Set.of("asOfDate", "submittedAt");

    private final ReportLifecycle lifecycle;
    private final ReportAccess access;
    private final Caller caller;

    public ReportResource(ReportLifecycle lifecycle, ReportAccess access, Caller caller) {
        this.lifecycle = lifecycle;
        this.access = access;
        this.caller = caller;
    }

    @POST
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "draftReport", summary = "Draft a progress report on a validated pledge of an entity the caller acts for",
            description = "With `supersedes`, the draft is a correction of a submitted report, which it supersedes once submitted.")
    @APIResponse(responseCode = "201", description = "Drafted", content = @Content(schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "400", description = INVALID + "; periods, dates and links must hold together")
    @APIResponse(responseCode = "404", description = "The pledge is not one the caller reports on (as if absent)")
    @APIResponse(responseCode = "409", description = "The pledge is not validated, or withdrawn; or the corrected report is not correctable")
    @APIResponse(responseCode = "422", description = "No reference rate for the amount disbursed; or `supersedes` is not a report of this pledge; "
            + "or pledgeId names no known pledge (a pledge validated a moment ago is waited for, a few seconds at most)")
    @CatchesUpWithViews
    public Response draft(@Valid @NotNull NewReport request, @Context UriInfo uri) {
        ProgressReport report = lifecycle.draft(request, caller);
        return Response.created(uri.getAbsolutePathBuilder().path(report.id.toString()).build())
                .tag(String.valueOf(report.version)).entity(ReportView.of(report)).build();
    }

    @GET
    @PermitAll
    @Operation(operationId = "listReports", summary = "A pledge's report history",
            description = "The pledger sees every report, drafts included; the Secretariat every submitted and superseded report; "
                    + "anyone else the published part of the current (submitted, not superseded) reports of a validated pledge. "
                    + "The pledge may be named by its reference.")
    @APIResponse(responseCode = "200", description = "Reports, newest as-of date first",
            content = @Content(schema = @Schema(implementation = ReportPage.class)))
    @APIResponse(responseCode = "400", description = "pledgeId is missing, or neither a UUID nor a reference; page or size not a number; page, size or sort out of range")
    @APIResponse(responseCode = "404", description = "The pledge is absent or not visible to the caller")
    public PageView<Object> list(
            @QueryParam("pledgeId") @Parameter(required = true, description = "The pledge whose reports to list: its id or its reference (P2C-2024-00933)") String pledgeId,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @QueryParam("sort") @Parameter(description = "asOfDate (default, desc) or submittedAt; ,asc or ,desc") String sort) {
        PageRequest request = PageRequest.of(page, size, sort, SORTABLE, "asOfDate,desc");
        // People quote pledges by reference (P2C-2024-00933); both name the same pledge.
        KnownPledge pledge = pledgeId != null && pledgeId.startsWith("P2C-")
                ? KnownPledge.<KnownPledge>find("reference", pledgeId).firstResult()
                : KnownPledge.findById(uuid(pledgeId, "pledgeId"));
        Visibility visibility = pledge == null ? Visibility.NONE : access.historyVisibility(pledge, caller);
        if (visibility == Visibility.NONE) {
            throw ProblemException.notFound("Pledge " + pledgeId);
        }
        List<ReportStatus> statuses;
        if (visibility == Visibility.PUBLISHED) {
            statuses = List.of(ReportStatus.SUBMITTED);
        } else if (access.reportsFor(pledge.pledgerEntityId, caller)) {
            statuses = List.of(ReportStatus.values());
        } else {
            statuses = List.of(ReportStatus.SUBMITTED, ReportStatus.SUPERSEDED);
        }
        String order = request.sortField() + (request.descending() ? " desc" : " asc") + ", createdAt desc, id";
        var query = ProgressReport.<ProgressReport>find("pledgeId = ?1 and status in ?2 order by " + order, pledge.id, statuses);
        long total = query.count();
        List<Object> items = query.page(request.page(), request.size()).list().stream()
                .map(r -> visibility == Visibility.FULL ? (Object) ReportView.of(r) : PublishedReportView.of(r))
                .toList();
        return PageView.of(items, request, total);
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Operation(operationId = "getReport", summary = "One report: in full for the pledger and the Secretariat, its published part for anyone else",
            description = "One progress report by id. The pledger's people and the Secretariat read it in full (the view field says FULL); anyone else reads the published part of a submitted report of a validated pledge: dates, completion, achievements, the categories of its challenges and solutions, and the report it corrects. A report the caller may not see is a 404, as if absent.")
    @APIResponse(responseCode = "200", description = "The report; ETag is its version in the full view", content = @Content(
            schema = @Schema(type = SchemaType.OBJECT, oneOf = {ReportView.class, PublishedReportView.class}),
            examples = {@ExampleObject(name = "full", summary = "The pledger's people and the Secretariat",
                    value = ReportView.EXAMPLE),
                    @ExampleObject(name = "published", summary = "Anyone else, for a submitted report of a validated pledge",
                            value = PublishedReportView.EXAMPLE)}))
    @APIResponse(responseCode = "404", description = "Absent, or not visible to the caller")
    public Response get(@PathParam("id") UUID id) {
        ProgressReport report = access.load(id, caller);
        Visibility visibility = access.visibility(report, KnownPledge.findById(report.pledgeId), caller);
        if (visibility == Visibility.FULL) {
            return Response.ok(ReportView.of(report)).tag(String.valueOf(report.version)).build();
        }
        return Response.ok(PublishedReportView.of(report)).build();
    }

    @PUT
    @Path("{id}")
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "editReport", summary = "Edit a draft report",
            description = "Replaces the content of a draft report. Only the pledger entity's people or its partner system, with the ETag of the version they read in If-Match (missing is 428, stale is 412). A submitted report never changes: correct it with a new report that supersedes it.")
    @APIResponse(responseCode = "200", description = "Edited", content = @Content(schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "400", description = INVALID + "; periods, dates and links must hold together")
    @APIResponse(responseCode = "403", description = SECRETARIAT_READS_ONLY)
    @APIResponse(responseCode = "404", description = NOT_WRITER)
    @APIResponse(responseCode = "422", description = "No reference rate for the amount disbursed")
    @APIResponse(responseCode = "409", description = "The report was submitted: it is immutable; correct it with a new report")
    public Response edit(@PathParam("id") UUID id, @HeaderParam(Versions.IF_MATCH) String ifMatch,
                         @Valid @NotNull ReportContent content) {
        ProgressReport report = lifecycle.edit(id, content, ReportLifecycle.CONTENT_IS_BODY, ifMatch, caller);
        return Response.ok(ReportView.of(report)).tag(String.valueOf(report.version)).build();
    }

    @POST
    @Path("{id}/submission")
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "submitReport", summary = "Submit a draft: it becomes immutable, and supersedes the report it corrects",
            description = "Submits a draft report: it becomes immutable and counts in reporting compliance and analytics; a correction supersedes the report it corrects. Only the pledger entity's people or its partner system; the report must be complete (a 422 lists what is missing).")
    @APIResponse(responseCode = "200", description = "Submitted", content = @Content(schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "403", description = SECRETARIAT_READS_ONLY)
    @APIResponse(responseCode = "404", description = NOT_WRITER)
    @APIResponse(responseCode = "409", description = "Not a draft; the pledge is no longer validated; or the corrected report was corrected already")
    @APIResponse(responseCode = "422", description = "Incomplete: violations list what is missing")
    public Response submit(@PathParam("id") UUID id) {
        ProgressReport report = lifecycle.submit(id, ReportLifecycle.CONTENT_IS_BODY, caller);
        return Response.ok(ReportView.of(report)).tag(String.valueOf(report.version)).build();
    }

    @DELETE
    @Path("{id}")
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "discardReport", summary = "Discard a draft report (submitted reports are never deleted)",
            description = "Deletes a draft report, with the ETag of its version in If-Match. Only drafts: submitted reports are never deleted.")
    @APIResponse(responseCode = "204", description = "Discarded")
    @APIResponse(responseCode = "403", description = SECRETARIAT_READS_ONLY)
    @APIResponse(responseCode = "404", description = NOT_WRITER)
    @APIResponse(responseCode = "409", description = "The report was submitted")
    public Response discard(@PathParam("id") UUID id, @HeaderParam(Versions.IF_MATCH) String ifMatch) {
        lifecycle.discard(id, ifMatch, caller);
        return Response.noContent().build();
    }

    /** The shape of a page of reports, for the API document: items are full or published views. */
    @Schema(name = "ReportPage")
    public record ReportPage(
            @Schema(description = "Report (view FULL) or PublishedReport (view PUBLISHED)") List<ReportInEitherView> items,
            @Schema(example = "0") int page,
            @Schema(example = "20") int size,
            @Schema(example = "3") long totalItems,
            @Schema(example = "1") int totalPages) {
    }

    /** A report of a page, for the API document: in full or its published part, as the caller may see it. */
    @Schema(oneOf = {ReportView.class, PublishedReportView.class}, example = PublishedReportView.EXAMPLE)
    interface ReportInEitherView {
    }

    static UUID uuid(String value, String parameter) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField(400, parameter, "is required");
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException notAnId) {
            throw ProblemException.invalidField(400, parameter, "must be a UUID");
        }
    }
}

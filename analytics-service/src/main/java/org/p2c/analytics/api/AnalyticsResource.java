package org.p2c.analytics.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
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
import org.p2c.analytics.domain.Countries;
import org.p2c.analytics.domain.Dim;
import org.p2c.analytics.domain.ItuRegion;
import org.p2c.analytics.service.FigureQueries;
import org.p2c.support.api.Caller;
import org.p2c.support.api.Codes;
import org.p2c.support.api.QueryParameters;
import org.p2c.support.api.ViewRepair;
import org.p2c.support.inbox.DeadLetterRedrive;
import org.p2c.support.rebuild.RebuildRun;
import org.p2c.support.problem.ProblemException;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/**
 * The coalition's figures as of a date: overview, ITU regions, country briefs, comparisons, monthly series, and
 * the Secretariat's reporting compliance. Every answer is JSON, or CSV with {@code Accept: text/csv} or
 * {@code ?format=csv}. {@code asOf=D} means at the end of day D (UTC); it defaults to today (UTC).
 */
@Path("/api/v1/analytics")
@Tag(name = "Analytics", description = "Dashboards, regional and country briefs, as of any date")
@Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
public class AnalyticsResource {

    private static final String AS_OF = "End of this day (UTC), YYYY-MM-DD; default today (UTC)";
    private static final String CSV = "The same figures as CSV (Accept: text/csv or format=csv)";

    /** What {@code format} takes, named as callers write it. */
    @Schema(name = "FigureFormat")
    enum Format { json, csv }

    private final FigureQueries queries;
    private final Countries countries;
    private final ViewRepair repair;
    private final ObjectMapper json;

    public AnalyticsResource(FigureQueries queries, Countries countries, ViewRepair repair, ObjectMapper json) {
        this.queries = queries;
        this.countries = countries;
        this.repair = repair;
        this.json = json;
    }

    @GET
    @Path("overview")
    @PermitAll
    @Operation(operationId = "getOverview", summary = "The coalition's figures as of a date: pledges, value, entities, reporting, goal, breakdowns",
            description = "The coalition's figures at the end of asOf (UTC): counted pledges and their estimated value in USD, pledger entities by stakeholder type, reporting, progress towards the goal, and breakdowns by focus area, pillar, type, UN group and SDG, built from the platform's events. JSON, or CSV (figure,value) with Accept: text/csv or format=csv. Public.")
    @APIResponse(responseCode = "200", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Answers.Figures.class)),
            @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, description = CSV))})
    @APIResponse(responseCode = "400", description = "asOf or format cannot be read; violations name it")
    public Response overview(@QueryParam("asOf") @Parameter(description = AS_OF) LocalDate asOf,
                             @QueryParam("format") @Parameter(description = "json (default) or csv") Format format,
                             @Context HttpHeaders headers) {
        return answer(queries.figures(Dim.WORLD, orToday(asOf)), format, headers);
    }

    @GET
    @Path("regions/{region}")
    @PermitAll
    @Operation(operationId = "getRegionFigures", summary = "The same figures for the pledges implemented in an ITU region (named or of one of their countries)",
            description = "The overview's figures for the pledges implemented in one ITU region: those that name it, or name one of its countries, as of the end of asOf (UTC). JSON, or CSV with Accept: text/csv or format=csv. Public.")
    @APIResponse(responseCode = "200", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Answers.Figures.class)),
            @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, description = CSV))})
    @APIResponse(responseCode = "400", description = "region is not an ITU region, or asOf or format cannot be read; violations name it")
    public Response region(@PathParam("region") @Parameter(description = "AFRICA, AMERICAS, ARAB_STATES, ASIA_PACIFIC, CIS or EUROPE, in any case") String region,
                           @QueryParam("asOf") @Parameter(description = AS_OF) LocalDate asOf,
                           @QueryParam("format") Format format, @Context HttpHeaders headers) {
        // A path segment JAX-RS cannot type would be a bare 404; read it as a query parameter is read.
        ItuRegion scope = QueryParameters.read(ItuRegion.class, region, "region");
        return answer(queries.figures(scope.name(), orToday(asOf)), format, headers);
    }

    @GET
    @Path("countries/{country}")
    @PermitAll
    @Operation(operationId = "getCountryBrief", summary = "Brief of the pledges targeting a country: reporting, completion, end dates, targets, challenges, solutions",
            description = "The brief of the counted pledges that name a country, as of the end of asOf (UTC): pledges and reported pledges by stakeholder type, completion status, end dates, P2C targets, and the categories of challenges and solutions their reports name. JSON, or CSV with Accept: text/csv or format=csv. Public.")
    @APIResponse(responseCode = "200", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Answers.CountryBrief.class)),
            @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, description = CSV))})
    @APIResponse(responseCode = "400", description = "country is not in the country catalogue, or asOf or format cannot be read; violations name it")
    public Response country(@PathParam("country") @Parameter(description = "ISO 3166-1 alpha-3, in any case") String country,
                            @QueryParam("asOf") @Parameter(description = AS_OF) LocalDate asOf,
                            @QueryParam("format") Format format, @Context HttpHeaders headers) {
        String code = Codes.upperCase(country);
        if (!countries.isKnown(code)) {
            throw ProblemException.invalidField(400, "country", "must be an ISO 3166-1 alpha-3 code of the country catalogue");
        }
        return answer(queries.country(code, orToday(asOf)), format, headers);
    }

    @GET
    @Path("comparison")
    @PermitAll
    @Operation(operationId = "compareFigures", summary = "The headline figures at two dates side by side (WORLD, or one region)",
            description = "The headline figures at the end of compareTo and at the end of asOf (UTC), side by side, with the change between them; for the whole coalition or one ITU region. JSON, or CSV with Accept: text/csv or format=csv. Public.")
    @APIResponse(responseCode = "200", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Answers.Comparison.class)),
            @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, description = CSV))})
    @APIResponse(responseCode = "400", description = "compareTo is missing, or a date, region or format cannot be read; violations name it")
    public Response comparison(@QueryParam("compareTo") @Parameter(description = "The first date, YYYY-MM-DD (required)", required = true) LocalDate compareTo,
                               @QueryParam("asOf") @Parameter(description = "The second date; " + AS_OF) LocalDate asOf,
                               @QueryParam("region") @Parameter(description = "An ITU region; default the whole coalition") ItuRegion region,
                               @QueryParam("format") Format format, @Context HttpHeaders headers) {
        if (compareTo == null) {
            throw ProblemException.invalidField(400, "compareTo", "is required (YYYY-MM-DD)");
        }
        String scope = region == null ? Dim.WORLD : region.name();
        return answer(queries.comparison(scope, orToday(compareTo), orToday(asOf)), format, headers);
    }

    @GET
    @Path("time-series")
    @PermitAll
    @Operation(operationId = "getMonthlySeries", summary = "Counted pledges and their value at the end of each month, up to asOf",
            description = "Month by month from from (default the month of the first validation) to asOf's month: counted pledges and their value in USD at each month's end (at asOf in its month), and the change in the month; for the whole coalition or one ITU region. JSON, or CSV with Accept: text/csv or format=csv. Public.")
    @APIResponse(responseCode = "200", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Answers.TimeSeries.class)),
            @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, description = CSV))})
    @APIResponse(responseCode = "400", description = "from, asOf, region or format cannot be read, or from is after asOf's month or more than 50 years before it")
    public Response timeSeries(@QueryParam("asOf") @Parameter(description = AS_OF) LocalDate asOf,
                               @QueryParam("from") @Parameter(description = "First month, YYYY-MM; default the month of the first validation",
                                       schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{4}-[0-9]{2}$", example = "2024-01")) YearMonth from,
                               @QueryParam("region") @Parameter(description = "An ITU region; default the whole coalition") ItuRegion region,
                               @QueryParam("format") Format format, @Context HttpHeaders headers) {
        LocalDate date = orToday(asOf);
        if (from != null && (from.isAfter(YearMonth.from(date)) || from.isBefore(YearMonth.from(date).minusYears(50)))) {
            throw ProblemException.invalidField(400, "from", "must be a month up to asOf's, at most 50 years before it");
        }
        String scope = region == null ? Dim.WORLD : region.name();
        return answer(queries.months(scope, from, date), format, headers);
    }

    @GET
    @Path("compliance")
    @RolesAllowed(Caller.SECRETARIAT)
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "getReportingCompliance", summary = "Counted pledges up to date, due and overdue with their reports, by stakeholder type and region (Secretariat)",
            description = "A report is due one year after the latest report submitted on or before asOf, or after the validation day "
                    + "while there is none (reporting-service's rule). DUE: due within 30 days, the due date included; OVERDUE: past it.")
    @APIResponse(responseCode = "200", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Answers.Compliance.class)),
            @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, description = CSV))})
    @APIResponse(responseCode = "400", description = "asOf or format cannot be read; violations name it")
    public Response compliance(@QueryParam("asOf") @Parameter(description = AS_OF) LocalDate asOf,
                               @QueryParam("format") Format format, @Context HttpHeaders headers) {
        return answer(queries.compliance(orToday(asOf)), format, headers);
    }

    @POST
    @Path("rebuild")
    @RolesAllowed(Caller.ADMIN)
    @SecurityRequirement(name = "itu")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rebuildProjections", summary = "Empties the projections and replays the three topics from their beginning, in the background (admin)",
            description = "Starts a rebuild and answers at once, with its status resource in Location; the replay goes up to where the topics ended at its start. Figures are incomplete while it runs. One rebuild at a time across all replicas; readiness says rebuilding while one runs.")
    @APIResponse(responseCode = "202", description = "Started; Location names its status resource",
            headers = @Header(name = "Location", description = "The rebuild's status resource", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RebuildRun.class)))
    @APIResponse(responseCode = "409", description = "A rebuild is already running; the problem names its status resource")
    public Response rebuild(@Context UriInfo uri) {
        return repair.startRebuild(uri);
    }

    @GET
    @Path("rebuild/{id}")
    @RolesAllowed(Caller.ADMIN)
    @SecurityRequirement(name = "itu")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getProjectionsRebuild", summary = "Where a rebuild of the projections stands (admin)",
            description = "RUNNING, SUCCEEDED or FAILED, the events replayed so far, when it started and finished; a run whose replica stopped renewing its lease is FAILED.")
    @APIResponse(responseCode = "200", description = "The rebuild",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RebuildRun.class)))
    @APIResponse(responseCode = "404", description = "No such rebuild")
    public RebuildRun rebuildStatus(@PathParam("id") @Parameter(description = "The rebuild's id, from the Location of its start") UUID id) {
        return repair.rebuild(id);
    }

    @GET
    @Path("dead-letters")
    @RolesAllowed(Caller.ADMIN)
    @SecurityRequirement(name = "itu")
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "View repair", description = "Dead letters and rebuilds of a service's views kept from the topics (admin)")
    @Operation(operationId = "listAnalyticsServiceDeadLetters", summary = "The events analytics-service parked and has not redriven yet (admin)",
            description = "The records of p2c.entities.v1.dlq, p2c.pledges.v1.dlq and p2c.reports.v1.dlq that analytics-service's inbox parked (an event it can never apply as it stands), after where the last redrive stopped, oldest first, at most 500: where each came from, why, its type and id when readable.")
    @APIResponse(responseCode = "200", description = "Parked, not redriven yet", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = DeadLetterRedrive.Parked.class)))
    public List<DeadLetterRedrive.Parked> deadLetters() {
        return repair.deadLetters();
    }

    @POST
    @Path("dead-letters/redrive")
    @RolesAllowed(Caller.ADMIN)
    @SecurityRequirement(name = "itu")
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "View repair", description = "Dead letters and rebuilds of a service's views kept from the topics (admin)")
    @Operation(operationId = "redriveAnalyticsServiceDeadLetters", summary = "Puts the parked events back through analytics-service's inbox, after a fix (admin)",
            description = "Applies each record analytics-service parked and has not redriven yet as a live one is applied: once (an event already applied, by its id in the processed-event log, is skipped), a type it does not handle skipped, one that still cannot be applied parked again for a later redrive. Answers when done, with the counts; the next redrive starts after the records this one read.")
    @APIResponse(responseCode = "200", description = "Redriven", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DeadLetterRedrive.Report.class)))
    @APIResponse(responseCode = "409", description = "A redrive is already running")
    @APIResponse(responseCode = "503", description = "A transient failure (the database, say) stopped it at a record, left for the next redrive; what it did before is kept")
    public DeadLetterRedrive.Report redrive() {
        return repair.redrive();
    }

    private Response answer(Object body, Format format, HttpHeaders headers) {
        boolean csv;
        if (format == null) {
            csv = headers.getAcceptableMediaTypes().stream().findFirst()
                    .map(t -> t.isCompatible(MediaType.valueOf(Csv.MEDIA_TYPE)) && !t.isWildcardType()).orElse(false);
        } else {
            csv = format == Format.csv;
        }
        return csv ? Response.ok(Csv.of(json, body), Csv.MEDIA_TYPE).build()
                : Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    /** The date asked for, else today; service-support's QueryParameters holds it to the platform's years. */
    private static LocalDate orToday(LocalDate date) {
        return date == null ? FigureQueries.today() : date;
    }
}

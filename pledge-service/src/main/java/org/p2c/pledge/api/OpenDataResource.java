package org.p2c.pledge.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.PermitAll;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.p2c.pledge.domain.Pledge;
import org.p2c.pledge.domain.PledgeStatus;
import org.p2c.support.csv.CsvWriter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Open data: every validated pledge, with the explorer's columns, streamed row by row from the database so that
 * the export never sits in memory whole, however many pledges there are.
 */
@Path("/api/v1/open-data")
@Tag(name = "Open data", description = "Bulk downloads of validated pledges")
@PermitAll
public class OpenDataResource {

    /** The explorer's fields, in order; money as amount, currency, value date and USD. */
    private static final Map<String, Function<PledgeView, Object>> CELLS = columns();
    static final List<String> COLUMNS = List.copyOf(CELLS.keySet());

    private static Map<String, Function<PledgeView, Object>> columns() {
        Map<String, Function<PledgeView, Object>> cells = new LinkedHashMap<>();
        cells.put("id", PledgeView::id);
        cells.put("reference", PledgeView::reference);
        cells.put("pledgerEntityId", PledgeView::pledgerEntityId);
        cells.put("title", PledgeView::title);
        cells.put("description", PledgeView::description);
        cells.put("types", PledgeView::types);
        cells.put("pillars", PledgeView::pillars);
        cells.put("focusAreas", PledgeView::focusAreas);
        cells.put("global", PledgeView::global);
        cells.put("countries", PledgeView::countries);
        cells.put("regions", PledgeView::regions);
        cells.put("primaryRegion", PledgeView::primaryRegion);
        cells.put("ldc", PledgeView::ldc);
        cells.put("lldc", PledgeView::lldc);
        cells.put("sids", PledgeView::sids);
        cells.put("beneficiaryGroups", PledgeView::beneficiaryGroups);
        cells.put("sdgs", PledgeView::sdgs);
        cells.put("targets", PledgeView::targets);
        cells.put("valueAmount", p -> p.financialValue() == null ? null : p.financialValue().amount());
        cells.put("valueCurrency", p -> p.financialValue() == null ? null : p.financialValue().currency());
        cells.put("valueDate", p -> p.financialValue() == null ? null : p.financialValue().valueDate());
        cells.put("valueUsd", p -> p.financialValue() == null ? null : p.financialValue().usd());
        cells.put("collaborators", p -> p.collaborators().stream().map(c -> c.entityId() + ":" + c.role()).toList());
        cells.put("startDate", PledgeView::startDate);
        cells.put("endDate", PledgeView::endDate);
        cells.put("validatedAt", PledgeView::validatedAt);
        cells.put("revision", PledgeView::revision);
        return cells;
    }

    private final EntityManager em;
    private final ObjectMapper json;

    public OpenDataResource(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    @GET
    @Path("pledges.csv")
    @Produces(CsvWriter.MEDIA_TYPE)
    @Operation(operationId = "exportPledgesCsv", summary = "All validated pledges as CSV (multi-valued cells joined by ';')",
            description = "Open data: every validated pledge, one row each, with the explorer's public fields as columns (money as amount, currency, value date and USD); cells with several values are joined by ';'; a text cell a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return) is written behind a single quote. Streamed as it is read, as the attachment p2c-pledges.csv. Public.")
    @APIResponse(responseCode = "200", description = "A header row with the explorer's columns, then one row per pledge, oldest validation first",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    public Response csv() {
        StreamingOutput body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            CsvWriter csv = CsvWriter.of(writer, COLUMNS);
            eachValidated(p -> csv.row(row(PledgeView.of(p))));
            csv.flush();
        };
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"p2c-pledges.csv\"").build();
    }

    @GET
    @Path("pledges.json")
    @Produces("application/json")
    @Operation(operationId = "exportPledgesJson", summary = "All validated pledges as one JSON array",
            description = "Open data: every validated pledge in the public form the explorer answers, as one JSON array, oldest validation first, streamed as it is read. Public.")
    @APIResponse(responseCode = "200", description = "Every validated pledge in the public form, oldest validation first",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = PledgeView.class)))
    public Response jsonExport() {
        StreamingOutput body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write("[");
            boolean[] first = {true};
            eachValidated(p -> {
                try {
                    writer.write(first[0] ? "\n" : ",\n");
                    first[0] = false;
                    writer.write(json.writeValueAsString(PledgeView.of(p)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.write("\n]\n");
            writer.flush();
        };
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"p2c-pledges.json\"").build();
    }

    /** Runs while the answer is being written: its own transaction, a cursor, and nothing kept in the session. */
    private void eachValidated(Consumer<Pledge> action) {
        QuarkusTransaction.requiringNew().timeout(600).run(() -> {
            try (Stream<Pledge> pledges = Pledge.<Pledge>find("status", Sort.by("validatedAt").and("id"), PledgeStatus.VALIDATED)
                    .withHint("org.hibernate.fetchSize", 500).stream()) {
                pledges.forEach(p -> {
                    action.accept(p);
                    em.detach(p);
                });
            }
        });
    }

    static List<Object> row(PledgeView p) {
        return CELLS.values().stream().map(cell -> cell.apply(p)).toList();
    }
}

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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.p2c.pledge.domain.Pledge;
import org.p2c.pledge.domain.PledgeStatus;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Open data: every validated pledge, with the explorer's columns, streamed row by row from the database so that
 * the export never sits in memory whole, however many pledges there are.
 */
@Path("/api/v1/open-data")
@Tag(name = "Open data", description = "Bulk downloads of validated pledges")
@PermitAll
public class OpenDataResource {

    static final List<String> COLUMNS = List.of("id", "reference", "pledgerEntityId", "title", "types", "pillars",
            "focusAreas", "global", "countries", "regions", "primaryRegion", "beneficiaryGroups", "sdgs", "targets",
            "startDate", "endDate", "validatedAt");

    private final EntityManager em;
    private final ObjectMapper json;

    public OpenDataResource(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    @GET
    @Path("pledges.csv")
    @Produces("text/csv")
    @Operation(operationId = "exportPledgesCsv", summary = "All validated pledges as CSV (multi-valued cells joined by ';')")
    public Response csv() {
        StreamingOutput body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write(String.join(",", COLUMNS) + "\n");
            eachValidated(p -> write(writer, row(PledgeView.of(p))));
            writer.flush();
        };
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"p2c-pledges.csv\"").build();
    }

    @GET
    @Path("pledges.json")
    @Produces("application/json")
    @Operation(operationId = "exportPledgesJson", summary = "All validated pledges as one JSON array")
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

    private static void write(Writer writer, String line) {
        try {
            writer.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String row(PledgeView p) {
        return Stream.of(p.id(), p.reference(), p.pledgerEntityId(), p.title(), p.types(), p.pillars(), p.focusAreas(),
                        p.global(), p.countries(), p.regions(), p.primaryRegion(), p.beneficiaryGroups(), p.sdgs(),
                        p.targets(), p.startDate(), p.endDate(), p.validatedAt())
                .map(OpenDataResource::cell).collect(Collectors.joining(",")) + "\n";
    }

    /** RFC 4180: quote a cell holding a comma, a quote or a line break, doubling its quotes. */
    static String cell(Object value) {
        String text = value == null ? "" : value instanceof List<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(";")) : String.valueOf(value);
        return text.matches("(?s).*[\",\\r\\n].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}

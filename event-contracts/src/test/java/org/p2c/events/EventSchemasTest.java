package org.p2c.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contracts hold together: every schema is a valid JSON Schema that accepts its example and refuses a broken
 * one, the AsyncAPI document names every schema, and within v1 every schema only grew compared with the recorded
 * baseline (src/test/resources/baseline): no property removed or retyped, no enum value removed, nothing newly
 * required — so events written long ago still read, and consumers replaying the topics still understand them.
 */
class EventSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCHEMAS = Path.of("src/main/resources/p2c-events/schemas");
    private static final Path BASELINE = Path.of("src/test/resources/baseline");

    @Test
    void everySchemaAcceptsAValidDocumentAndRefusesABrokenOne() throws IOException {
        var factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        JsonNode snapshot = JSON.readTree("""
                {"id":"7b2c4f7e-1d5a-4d8e-9f1b-2a3c4d5e6f70","version":3,"name":"Ministry","acronym":null,
                 "stakeholderType":"GOVERNMENT","headquartersCountry":"KHM","ituRegion":"ASIA_PACIFIC","status":"VERIFIED",
                 "registeredAt":"2024-07-07T10:15:30Z","verifiedAt":"2024-07-08T09:00:00Z","updatedAt":"2024-07-08T09:00:00Z",
                 "members":[{"subject":"a1","role":"FOCAL_POINT"}],"partnerClients":["partner-x"]}""");
        var schema = factory.getSchema(read(SCHEMAS.resolve("entity-snapshot.v1.json")));
        assertThat(schema.validate(snapshot)).isEmpty();
        ((com.fasterxml.jackson.databind.node.ObjectNode) snapshot).put("status", "MAYBE");
        assertThat(schema.validate(snapshot)).isNotEmpty();

        var envelope = factory.getSchema(read(SCHEMAS.resolve("cloudevent.v1.json")));
        JsonNode event = JSON.readTree("""
                {"specversion":"1.0","id":"0f8fad5b-d9cb-469f-a165-70867728950e","source":"urn:p2c:entity-service",
                 "type":"p2c.entity.verified.v1","subject":"7b2c4f7e-1d5a-4d8e-9f1b-2a3c4d5e6f70",
                 "time":"2024-07-08T09:00:00Z","datacontenttype":"application/json","data":{}}""");
        assertThat(envelope.validate(event)).isEmpty();
        ((com.fasterxml.jackson.databind.node.ObjectNode) event).remove("subject");
        assertThat(envelope.validate(event)).isNotEmpty();
    }

    @Test
    void aReportingScheduleNamesItsDueDatesAsDays() throws IOException {
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(read(SCHEMAS.resolve("reporting-schedule.v1.json")));
        JsonNode schedule = JSON.readTree("""
                {"pledgeId":"3f6c1b2a-8d4e-4f7a-9b1c-2d3e4f5a6b7c","version":2,
                 "pledgerEntityId":"0b7e4f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b","updatedAt":"2025-03-01T10:00:00Z",
                 "anchors":[{"from":"2024-01-05","dueOn":"2025-01-05","dueSoonFrom":"2024-12-06"},
                            {"from":"2024-11-20","dueOn":"2025-11-20","dueSoonFrom":"2025-10-21"}]}""");
        assertThat(schema.validate(schedule)).isEmpty();
        ((com.fasterxml.jackson.databind.node.ObjectNode) schedule.get("anchors").get(1)).remove("dueOn");
        assertThat(schema.validate(schedule)).isNotEmpty();
    }

    @Test
    void theAsyncApiDocumentNamesEverySchema() throws IOException {
        String asyncApi = Files.readString(SCHEMAS.resolveSibling("asyncapi.yaml"));
        new ObjectMapper(new YAMLFactory()).readTree(asyncApi); // it parses
        for (Path schema : schemaFiles(SCHEMAS)) {
            assertThat(asyncApi).as("asyncapi.yaml references %s", schema.getFileName())
                    .contains("./schemas/" + schema.getFileName());
        }
    }

    @Test
    void withinV1EverySchemaOnlyGrew() throws IOException {
        List<String> breaks = new ArrayList<>();
        for (Path old : schemaFiles(BASELINE)) {
            Path current = SCHEMAS.resolve(old.getFileName());
            if (!Files.exists(current)) {
                breaks.add(old.getFileName() + " was removed");
                continue;
            }
            compare(old.getFileName().toString(), read(old), read(current), breaks);
        }
        assertThat(breaks).as("breaking changes to v1 schemas").isEmpty();
    }

    /** Walks the baseline schema; anything it promised must still be promised. */
    static void compare(String at, JsonNode old, JsonNode current, List<String> breaks) {
        for (String keyword : List.of("type", "const", "pattern", "format")) {
            if (old.has(keyword) && !old.get(keyword).equals(current.get(keyword))) {
                breaks.add(at + ": '" + keyword + "' changed from " + old.get(keyword) + " to " + current.get(keyword));
            }
        }
        if (old.has("enum")) {
            Set<JsonNode> now = new HashSet<>();
            current.path("enum").forEach(now::add);
            old.get("enum").forEach(v -> {
                if (!now.contains(v)) {
                    breaks.add(at + ": enum value " + v + " removed");
                }
            });
        }
        Set<String> required = new HashSet<>();
        old.path("required").forEach(r -> required.add(r.asText()));
        current.path("required").forEach(r -> {
            if (!required.contains(r.asText())) {
                breaks.add(at + ": '" + r.asText() + "' became required");
            }
        });
        for (Iterator<Map.Entry<String, JsonNode>> it = old.path("properties").fields(); it.hasNext(); ) {
            var property = it.next();
            JsonNode now = current.path("properties").get(property.getKey());
            if (now == null) {
                breaks.add(at + ": property '" + property.getKey() + "' removed");
            } else {
                compare(at + "." + property.getKey(), property.getValue(), now, breaks);
            }
        }
        if (old.has("items")) {
            compare(at + "[]", old.get("items"), current.path("items"), breaks);
        }
    }

    @Test
    void theAdditivityCheckCatchesABreakingChange() throws IOException {
        JsonNode old = read(BASELINE.resolve("entity-snapshot.v1.json"));
        var broken = (com.fasterxml.jackson.databind.node.ObjectNode) old.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("properties")).remove("status");
        ((com.fasterxml.jackson.databind.node.ArrayNode) broken.get("required")).add("brandNew");
        List<String> breaks = new ArrayList<>();
        compare("entity-snapshot", old, broken, breaks);
        assertThat(breaks).contains("entity-snapshot: property 'status' removed",
                "entity-snapshot: 'brandNew' became required");
    }

    private static List<Path> schemaFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static JsonNode read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return JSON.readTree(in);
        }
    }
}

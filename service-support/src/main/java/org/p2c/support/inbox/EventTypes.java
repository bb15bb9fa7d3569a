package org.p2c.support.inbox;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The event types a consumer applies, and the contract of their data. A consumer hands the {@link Inbox} the types it
 * handles; a well-formed event of any other type on its topic (one added to the contract later, which this consumer
 * does not need) is skipped on purpose, never parked. The data of a handled type must carry the required fields of
 * its JSON Schema in event-contracts: an event without them can never be applied, so it is parked, not retried.
 *
 * <p>Only presence, non-null and the JSON type of the required fields are checked, nothing a contract may still
 * change additively (new optional fields, new enum values): an event a newer producer sends stays readable here.
 */
public final class EventTypes {

    /** Every type of p2c.entities.v1 (event-contracts' asyncapi.yaml); the data is the entity's snapshot. */
    public static final EventTypes ENTITY_SNAPSHOTS = new EventTypes("entity-snapshot.v1.json", Set.of(
            "p2c.entity.registered.v1", "p2c.entity.updated.v1", "p2c.entity.verified.v1", "p2c.entity.rejected.v1",
            "p2c.entity.suspended.v1", "p2c.entity.reinstated.v1", "p2c.entity.membership-changed.v1",
            "p2c.entity.partner-client-bound.v1", "p2c.entity.partner-client-unbound.v1"));

    /** Every type of p2c.pledges.v1 (event-contracts' asyncapi.yaml); the data is the pledge's snapshot. */
    public static final EventTypes PLEDGE_SNAPSHOTS = new EventTypes("pledge-snapshot.v1.json", Set.of(
            "p2c.pledge.drafted.v1", "p2c.pledge.edited.v1", "p2c.pledge.submitted.v1", "p2c.pledge.validated.v1",
            "p2c.pledge.returned.v1", "p2c.pledge.rejected.v1", "p2c.pledge.withdrawn.v1",
            "p2c.pledge.revision-edited.v1", "p2c.pledge.revision-submitted.v1", "p2c.pledge.revision-validated.v1",
            "p2c.pledge.revision-returned.v1", "p2c.pledge.revision-rejected.v1", "p2c.pledge.collaborator-invited.v1",
            "p2c.pledge.collaboration-accepted.v1", "p2c.pledge.collaboration-declined.v1", "p2c.pledge.imported.v1"));

    /** The report types of p2c.reports.v1 (event-contracts' asyncapi.yaml); the data is the report's snapshot. */
    public static final EventTypes REPORT_SNAPSHOTS = new EventTypes("report-snapshot.v1.json", Set.of(
            "p2c.report.submitted.v1", "p2c.report.superseded.v1"));

    /** The schedule type of p2c.reports.v1: a validated pledge's reporting schedule, keyed by the pledge. */
    public static final EventTypes REPORTING_SCHEDULES = new EventTypes("reporting-schedule.v1.json", Set.of(
            "p2c.report.schedule-changed.v1"));

    /** The reminder types of p2c.reports.v1: a pledge's report due soon, or overdue, keyed by the pledge. */
    public static final EventTypes REPORT_REMINDERS = new EventTypes("report-reminder.v1.json", Set.of(
            "p2c.report.due-soon.v1", "p2c.report.overdue.v1"));

    /** @param jsonType null when the schema gives no single type (an enum, a list of types) */
    private record RequiredField(String name, String jsonType, boolean nullable) {
    }

    /** One data schema and the fields it requires. */
    private record Contract(String dataSchema, List<RequiredField> required) {
    }

    /** Each handled type with the contract of its data; a topic may carry several data schemas. */
    private final Map<String, Contract> byType;

    private EventTypes(String dataSchema, Set<String> names) {
        Contract contract = new Contract(dataSchema, requiredFields(dataSchema));
        Map<String, Contract> types = new TreeMap<>();
        names.forEach(name -> types.put(name, contract));
        this.byType = Collections.unmodifiableMap(types);
    }

    private EventTypes(Map<String, Contract> byType) {
        this.byType = Collections.unmodifiableMap(new TreeMap<>(byType));
    }

    /** Some of these types, for a consumer that needs only those. */
    public EventTypes only(String... types) {
        Set<String> subset = Set.of(types);
        if (!byType.keySet().containsAll(subset)) {
            throw new IllegalArgumentException("not all of " + subset + " are among " + byType.keySet());
        }
        Map<String, Contract> chosen = new TreeMap<>(byType);
        chosen.keySet().retainAll(subset);
        return new EventTypes(chosen);
    }

    /** These types and those of {@code other}: a consumer of a topic that carries both. */
    public EventTypes and(EventTypes other) {
        Map<String, Contract> both = new TreeMap<>(byType);
        both.putAll(other.byType);
        return new EventTypes(both);
    }

    public Set<String> names() {
        return byType.keySet();
    }

    public boolean contains(String type) {
        return byType.containsKey(type);
    }

    /** @throws PoisonEvent naming the first required field that is missing, null or not of its JSON type */
    void checkRequiredFields(String type, JsonObject data) {
        Contract contract = byType.get(type);
        if (contract == null) {
            throw new IllegalArgumentException(type + " is not among " + byType.keySet());
        }
        String dataSchema = contract.dataSchema();
        for (RequiredField field : contract.required()) {
            Object value = data.getValue(field.name());
            if (value == null) {
                if (field.nullable() && data.containsKey(field.name())) {
                    continue;
                }
                throw new PoisonEvent("data." + field.name() + " is required by " + dataSchema + " but "
                        + (data.containsKey(field.name()) ? "null" : "missing"));
            }
            if (field.jsonType() != null && !isOfType(value, field.jsonType())) {
                throw new PoisonEvent("data." + field.name() + " must be of JSON type " + field.jsonType()
                        + " (" + dataSchema + ")");
            }
        }
    }

    private static boolean isOfType(Object value, String jsonType) {
        return switch (jsonType) {
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "array" -> value instanceof JsonArray;
            case "object" -> value instanceof JsonObject;
            default -> true;
        };
    }

    private static List<RequiredField> requiredFields(String dataSchema) {
        String resource = "/p2c-events/schemas/" + dataSchema;
        try (InputStream in = EventTypes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " on the class path (event-contracts)");
            }
            JsonObject schema = Buffer.buffer(in.readAllBytes()).toJsonObject();
            JsonObject properties = schema.getJsonObject("properties", new JsonObject());
            List<RequiredField> fields = new ArrayList<>();
            for (Object name : schema.getJsonArray("required", new JsonArray())) {
                JsonObject property = properties.getJsonObject((String) name, new JsonObject());
                // A property typed by a list of types, or by an enum alone, is checked for presence only.
                Object type = property.getValue("type");
                boolean nullable = type instanceof JsonArray types && types.contains("null");
                fields.add(new RequiredField((String) name, type instanceof String t ? t : null, nullable));
            }
            return List.copyOf(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return byType.toString();
    }
}

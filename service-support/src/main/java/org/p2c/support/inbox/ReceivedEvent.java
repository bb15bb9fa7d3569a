package org.p2c.support.inbox;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * A structured CloudEvent as read from a record's value (the event conventions' envelope, event-contracts'
 * cloudevent.v1.json), parsed here from the original bytes rather than by the connector, so that an unreadable
 * record still has its bytes for the dead-letter topic. {@code data} is left as it came: whether it must be a JSON
 * object with the contract's fields depends on whether the consumer handles the type.
 */
public record ReceivedEvent(UUID id, String type, String source, Object data) {

    /** @throws PoisonEvent saying why the bytes are not an event of the conventions */
    public static ReceivedEvent read(byte[] value) {
        if (value == null) {
            throw new PoisonEvent("not a CloudEvent: the record has no value");
        }
        JsonObject event;
        try {
            event = Buffer.buffer(value).toJsonObject();
        } catch (RuntimeException notJson) {
            throw new PoisonEvent("not a CloudEvent: the value is not a JSON object", notJson);
        }
        if (!"1.0".equals(event.getValue("specversion"))) {
            throw new PoisonEvent("not a CloudEvent: specversion is not \"1.0\"");
        }
        String type = text(event, "type");
        String source = text(event, "source");
        String id = text(event, "id");
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException notUuid) {
            throw new PoisonEvent("not an event of the conventions: id is not a UUID", notUuid);
        }
        return new ReceivedEvent(uuid, type, source, event.getValue("data"));
    }

    /** The data of a handled type: a JSON object with what its contract requires; else a {@link PoisonEvent}. */
    public JsonObject dataOf(EventTypes contract) {
        if (!(data instanceof JsonObject object)) {
            throw new PoisonEvent("CloudEvent " + id + " of type " + type + " has no JSON object as data");
        }
        contract.checkRequiredFields(type, object);
        return object;
    }

    private static String text(JsonObject event, String attribute) {
        if (!(event.getValue(attribute) instanceof String value) || value.isBlank()) {
            throw new PoisonEvent("not a CloudEvent: no " + attribute);
        }
        return value;
    }
}

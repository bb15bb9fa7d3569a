package org.p2c.support.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Checks an event a service really emitted against the contract in event-contracts (p2c-events/schemas). */
public final class EventContracts {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private EventContracts() {
    }

    /** The envelope against cloudevent.v1.json and its data against {@code dataSchema}; empty when both hold. */
    public static List<String> violations(JsonNode event, String dataSchema) {
        var problems = new java.util.ArrayList<String>();
        problems.addAll(check("cloudevent.v1.json", event));
        problems.addAll(check(dataSchema, event.get("data")).stream().map(p -> "data: " + p).toList());
        return problems;
    }

    private static List<String> check(String schemaFile, JsonNode document) {
        try (InputStream in = EventContracts.class.getResourceAsStream("/p2c-events/schemas/" + schemaFile)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema " + schemaFile + " in event-contracts");
            }
            return FACTORY.getSchema(in).validate(document).stream().map(ValidationMessage::getMessage).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.p2c.support.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.jboss.jandex.Index;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnswerSchemasTest {

    /** Written with Jackson's defaults: every field, null as null. */
    record Entity(UUID id, String name, String acronym, Contact focalPoint, List<String> duplicates) {
    }

    record Contact(String name) {
    }

    /** Leaves a null field out, as pledge-service's PledgeView does. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Pledge(UUID id, String title, String primaryRegion, Contact contact) {
    }

    /** Leaves null and empty fields out, as service-support's Problem does; one field renamed for JSON. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Failure(String type, int status, @JsonProperty("detail") String text, List<String> violations) {
    }

    /** Left out when it holds its default: what that is for each field, a document cannot say. */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    record Tally(int count) {
    }

    /** The same JSON properties as Pledge, written with Jackson's defaults. */
    record PledgeLookAlike(UUID id, String title, String primaryRegion, Contact contact) {
    }

    @Test
    void anAnswerRequiresEveryFieldAndTypesTheNullableOnesWithNull() {
        OpenAPI api = document(Map.of("/entities/{id}", "Entity"), Map.of());

        filter(Entity.class, Contact.class).filterOpenAPI(api);

        Schema entity = schema(api, "Entity");
        assertThat(entity.getRequired()).containsExactly("id", "name", "acronym", "focalPoint", "duplicates");
        assertThat(entity.getProperties().get("acronym").getType()).containsExactly(SchemaType.STRING, SchemaType.NULL);
        Schema focalPoint = entity.getProperties().get("focalPoint");
        assertThat(focalPoint.getType()).as("the referenced type beside anyOf would refuse null").isNull();
        assertThat(focalPoint.getAnyOf()).extracting(Schema::getRef).containsExactly("#/components/schemas/Contact", null);
        assertThat(focalPoint.getAnyOf().get(1).getType()).containsExactly(SchemaType.NULL);
        assertThat(entity.getProperties().get("name").getType()).containsExactly(SchemaType.STRING);
        assertThat(schema(api, "Contact").getRequired()).as("a schema an answer refers to is an answer too")
                .containsExactly("name");
    }

    @Test
    void aFieldTheRecordLeavesOutWhenNullIsOptionalAndNeverNull() {
        OpenAPI api = document(Map.of("/pledges/{id}", "Pledge", "/failures", "Failure"), Map.of());

        filter(Pledge.class, Contact.class, Failure.class).filterOpenAPI(api);

        Schema pledge = schema(api, "Pledge");
        assertThat(pledge.getRequired()).containsExactly("id", "title");
        assertThat(pledge.getProperties().get("primaryRegion").getType()).containsExactly(SchemaType.STRING);
        Schema contact = pledge.getProperties().get("contact");
        assertThat(contact.getAnyOf()).isNull();
        assertThat(contact.getRef()).isEqualTo("#/components/schemas/Contact");
        Schema failure = schema(api, "Failure");
        assertThat(failure.getRequired()).as("NON_EMPTY leaves out empty strings and lists too").containsExactly("status");
        assertThat(failure.getProperties().get("detail").getType()).containsExactly(SchemaType.STRING);
    }

    @Test
    void aRequestSchemaIsNotTouchedAndASharedOneKeepsItsRequestsRequiredFields() {
        OpenAPI api = document(Map.of("/entities/{id}", "Entity"), Map.of("/entities", "Entity", "/contacts", "Contact"));
        schema(api, "Entity").setRequired(List.of("name"));
        Schema request = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .addProperty("note", OASFactory.createSchema().addType(SchemaType.STRING).addType(SchemaType.NULL));
        api.getComponents().addSchema("Note", request);
        api.getPaths().getPathItem("/contacts").getPOST().getRequestBody().getContent().getMediaType("application/json")
                .getSchema().setRef("#/components/schemas/Note");

        filter(Entity.class, Contact.class).filterOpenAPI(api);

        Schema entity = schema(api, "Entity");
        assertThat(entity.getRequired()).as("bean validation's @NotNull, for requests").containsExactly("name");
        assertThat(entity.getProperties().get("focalPoint").getType()).isNull();
        assertThat(entity.getProperties().get("focalPoint").getAnyOf()).hasSize(2);
        assertThat(schema(api, "Note").getRequired()).isNull();
        assertThat(schema(api, "Note").getProperties().get("note").getType()).containsExactly(SchemaType.STRING, SchemaType.NULL);
    }

    @Test
    void whatTheFilterCannotDecideStopsTheBuild() {
        OpenAPI shared = document(Map.of("/entities/{id}", "Entity"), Map.of("/entities", "Entity"));
        schema(shared, "Entity").setRequired(List.of("acronym"));
        assertThatThrownBy(() -> filter(Entity.class, Contact.class).filterOpenAPI(shared))
                .hasMessageContaining("Entity.acronym is required in requests");

        assertThatThrownBy(() -> filter(Pledge.class, PledgeLookAlike.class, Contact.class)
                .filterOpenAPI(document(Map.of("/pledges/{id}", "Pledge"), Map.of())))
                .hasMessageContaining("has the properties of " + Pledge.class.getName()).hasMessageContaining("ambiguous");

        OpenAPI twice = document(Map.of("/pledges/{id}", "Pledge"), Map.of());
        twice.getComponents().addSchema("Pledge1", schema(twice, "Pledge"));
        twice.getPaths().getPathItem("/pledges/{id}").getGET().getResponses().getAPIResponse("200").getContent()
                .getMediaType("application/json").setSchema(OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref("#/components/schemas/Pledge1")));
        twice.getComponents().addSchema("Pair", OASFactory.createSchema().addType(SchemaType.OBJECT)
                .addProperty("a", OASFactory.createSchema().ref("#/components/schemas/Pledge"))
                .addProperty("b", OASFactory.createSchema().ref("#/components/schemas/Pledge1")));
        twice.getPaths().addPathItem("/pairs", OASFactory.createPathItem().GET(get("Pair")));
        assertThatThrownBy(() -> filter(Pledge.class, Contact.class).filterOpenAPI(twice))
                .hasMessageContaining("[Pledge, Pledge1] all have the properties of " + Pledge.class.getName());

        assertThatThrownBy(() -> filter(Tally.class)).hasMessageContaining("@JsonInclude(NON_DEFAULT)");
    }

    private static AnswerSchemas filter(Class<?>... records) {
        try {
            return new AnswerSchemas(Index.of(records));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The schemas as SmallRye writes these records, answered by GETs and sent to POSTs at the given paths. */
    private static OpenAPI document(Map<String, String> answers, Map<String, String> requests) {
        var schemas = OASFactory.createComponents()
                .addSchema("UUID", OASFactory.createSchema().addType(SchemaType.STRING).format("uuid"))
                .addSchema("Contact", object().addProperty("name", string()))
                .addSchema("Entity", object()
                        .addProperty("id", ref("UUID"))
                        .addProperty("name", string())
                        .addProperty("acronym", string().addType(SchemaType.NULL))
                        .addProperty("focalPoint", OASFactory.createSchema().addType(SchemaType.OBJECT)
                                .anyOf(List.of(ref("Contact"), OASFactory.createSchema().addType(SchemaType.NULL))))
                        .addProperty("duplicates", OASFactory.createSchema().addType(SchemaType.ARRAY).items(string())))
                .addSchema("Pledge", object()
                        .addProperty("id", ref("UUID"))
                        .addProperty("title", string())
                        .addProperty("primaryRegion", string().addType(SchemaType.NULL))
                        .addProperty("contact", OASFactory.createSchema().addType(SchemaType.OBJECT)
                                .anyOf(List.of(ref("Contact"), OASFactory.createSchema().addType(SchemaType.NULL)))))
                .addSchema("Failure", object()
                        .addProperty("type", string().format("uri"))
                        .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER))
                        .addProperty("detail", string().addType(SchemaType.NULL))
                        .addProperty("violations", OASFactory.createSchema().addType(SchemaType.ARRAY).items(string())));
        var paths = OASFactory.createPaths();
        answers.forEach((path, schema) -> paths.addPathItem(path, OASFactory.createPathItem().GET(get(schema))));
        requests.forEach((path, schema) -> paths.addPathItem(path, OASFactory.createPathItem().POST(
                OASFactory.createOperation().requestBody(OASFactory.createRequestBody().content(json(schema)))
                        .responses(OASFactory.createAPIResponses().addAPIResponse("204",
                                OASFactory.createAPIResponse().description("Done"))))));
        return OASFactory.createOpenAPI().paths(paths).components(schemas);
    }

    private static org.eclipse.microprofile.openapi.models.Operation get(String schema) {
        return OASFactory.createOperation().responses(OASFactory.createAPIResponses()
                .addAPIResponse("200", OASFactory.createAPIResponse().description("OK").content(json(schema))));
    }

    private static org.eclipse.microprofile.openapi.models.media.Content json(String schema) {
        return OASFactory.createContent().addMediaType("application/json",
                OASFactory.createMediaType().schema(ref(schema)));
    }

    private static Schema object() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT);
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(SchemaType.STRING);
    }

    private static Schema ref(String name) {
        return OASFactory.createSchema().ref("#/components/schemas/" + name);
    }

    private static Schema schema(OpenAPI api, String name) {
        return api.getComponents().getSchemas().get(name);
    }
}

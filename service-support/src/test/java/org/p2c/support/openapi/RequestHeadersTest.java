package org.p2c.support.openapi;

import io.quarkus.security.Authenticated;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.jboss.jandex.Index;
import org.junit.jupiter.api.Test;
import org.p2c.support.api.Versions;
import org.p2c.support.idempotency.Idempotency;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What StandardAnswers writes for the request headers service-support checks, and the examples of every error answer:
 * a client reads the header's rules and the answers its check gives from the document alone.
 */
class RequestHeadersTest {

    @Authenticated
    static class Pledges {

        @Operation(operationId = "push")
        public void push() {
        }

        @Operation(operationId = "edit")
        public void edit() {
        }

        @Operation(operationId = "read")
        public void read() {
        }
    }

    private final StandardAnswers answers = new StandardAnswers(index());

    @Test
    void anIdempotencyKeySaysItsLengthScopeLifetimeAndTheAnswersOfItsCheck() {
        var push = operation("push", header(Idempotency.HEADER));
        OpenAPI api = document("/pledges/batch", push);

        answers.filterOpenAPI(api);

        Parameter key = push.getParameters().get(0);
        assertThat(key.getRequired()).isTrue();
        assertThat(key.getSchema().getMinLength()).isEqualTo(1);
        assertThat(key.getSchema().getMaxLength()).isEqualTo(Idempotency.MAX_KEY_LENGTH);
        assertThat(key.getDescription()).contains("per caller").contains(Idempotency.KEPT_HOURS + " hours")
                .contains("same body gets the first answer again").contains("422 idempotency-key-reused")
                .contains("409 idempotency-key-in-flight with Retry-After");
        APIResponse inFlight = push.getResponses().getAPIResponse("409");
        assertThat(examples(inFlight)).containsOnlyKeys("idempotency-key-in-flight");
        assertThat(inFlight.getHeaders()).containsKey("Retry-After");
        assertThat(inFlight.getHeaders().get("Retry-After").getSchema().getType()).containsExactly(Schema.SchemaType.INTEGER);
        assertThat(examples(push.getResponses().getAPIResponse("422"))).containsOnlyKeys("idempotency-key-reused");
        assertThat(value(push.getResponses().getAPIResponse("422"), "idempotency-key-reused"))
                .containsEntry("status", 422).containsEntry("instance", "/pledges/batch");
    }

    @Test
    void ifMatchSaysWhatToSendAndAStaleOrMissingOneIsAnswered412Or428() {
        var edit = operation("edit", header(Versions.IF_MATCH));
        edit.getResponses().addAPIResponse("409", OASFactory.createAPIResponse().description("Not editable in its status"));
        OpenAPI api = document("/pledges/{id}", edit);

        answers.filterOpenAPI(api);

        Parameter ifMatch = edit.getParameters().get(0);
        assertThat(ifMatch.getRequired()).isTrue();
        assertThat(ifMatch.getDescription()).contains("ETag of the version you read").contains("\"<version>\"")
                .contains("weak tag").contains("428 precondition-required").contains("412 stale-version");
        assertThat(value(edit.getResponses().getAPIResponse("412"), "stale-version"))
                .containsEntry("status", 412).containsEntry("instance", "/pledges/" + ProblemExamples.ID);
        assertThat(value(edit.getResponses().getAPIResponse("428"), "precondition-required")).containsEntry("status", 428);
        // The operation's own 409 keeps its words, and shows a conflict, not a header's problem.
        assertThat(edit.getResponses().getAPIResponse("409").getDescription()).isEqualTo("Not editable in its status");
        assertThat(examples(edit.getResponses().getAPIResponse("409"))).containsOnlyKeys("conflict");
    }

    @Test
    void everyErrorAnswersExampleHasItsOwnStatusAndReadsAsThatAnswer() {
        var read = operation("read");
        for (String code : new String[] {"400", "403", "404", "409", "412", "422", "428", "503"}) {
            read.getResponses().addAPIResponse(code, OASFactory.createAPIResponse().description("for its reasons"));
        }
        OpenAPI api = document("/pledges/{id}", read);

        answers.filterOpenAPI(api);

        read.getResponses().getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                assertThat(examples(response)).as(code).isNotEmpty();
                examples(response).values().forEach(example ->
                        assertThat(((Map<?, ?>) example.getValue()).get("status")).as(code).isEqualTo(Integer.parseInt(code)));
            }
        });
        assertThat(value(read.getResponses().getAPIResponse("404"), "not-found").get("detail"))
                .isEqualTo("Pledge " + ProblemExamples.ID + " does not exist or is not visible to you");
        assertThat(value(read.getResponses().getAPIResponse("401"), "unauthorized")).containsEntry("status", 401);
        assertThat(value(read.getResponses().getAPIResponse("500"), "internal").get("detail").toString())
                .contains("quote incident");
        assertThat(read.getResponses().getAPIResponse("503").getHeaders()).containsKey("Retry-After");
    }

    @Test
    void aValidationProblemNamesAFieldOfTheBodyAndA422TheKindOfFieldItIsAbout() {
        var push = operation("push");
        push.requestBody(OASFactory.createRequestBody().content(OASFactory.createContent().addMediaType("application/json",
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/NewPledge")))));
        push.getResponses().addAPIResponse("400", OASFactory.createAPIResponse().description("invalid"))
                .addAPIResponse("422", OASFactory.createAPIResponse().description("no rate, unknown entity"));
        OpenAPI api = document("/pledges", push);
        api.getComponents()
                .addSchema("NewPledge", OASFactory.createSchema().addRequired("pledgerEntityId")
                        .addProperty("pledgerEntityId", OASFactory.createSchema().ref("#/components/schemas/UUID"))
                        .addProperty("content", OASFactory.createSchema().ref("#/components/schemas/PledgeContent")))
                .addSchema("PledgeContent", OASFactory.createSchema()
                        .addProperty("financialValue", OASFactory.createSchema().ref("#/components/schemas/Money")));

        answers.filterOpenAPI(api);

        assertThat(value(push.getResponses().getAPIResponse("400"), "validation").get("violations").toString())
                .contains("field=pledgerEntityId");
        APIResponse unprocessable = push.getResponses().getAPIResponse("422");
        assertThat(examples(unprocessable)).containsOnlyKeys("unknown-rate", "unknown-reference");
        assertThat(value(unprocessable, "unknown-rate").get("detail").toString()).startsWith("content.financialValue.valueDate: ");
        assertThat(value(unprocessable, "unknown-reference").get("detail"))
                .isEqualTo("pledgerEntityId: is not a known pledger entity");
    }

    private static Map<String, Example> examples(APIResponse response) {
        return response.getContent().getMediaType("application/problem+json").getExamples();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> value(APIResponse response, String example) {
        return (Map<String, Object>) examples(response).get(example).getValue();
    }

    private static Parameter header(String name) {
        return OASFactory.createParameter().name(name).in(Parameter.In.HEADER)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }

    private static org.eclipse.microprofile.openapi.models.Operation operation(String id, Parameter... parameters) {
        var operation = OASFactory.createOperation().operationId(id)
                .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("itu"))
                .responses(OASFactory.createAPIResponses().addAPIResponse("200", OASFactory.createAPIResponse().description("OK")));
        for (Parameter parameter : parameters) {
            operation.addParameter(parameter);
        }
        operation.addParameter(OASFactory.createParameter().name("id").in(Parameter.In.PATH)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uuid")));
        return operation;
    }

    private static OpenAPI document(String path, org.eclipse.microprofile.openapi.models.Operation operation) {
        return OASFactory.createOpenAPI()
                .paths(OASFactory.createPaths().addPathItem(path, OASFactory.createPathItem().PUT(operation)))
                .components(OASFactory.createComponents().addSchema("Problem", OASFactory.createSchema()));
    }

    private static Index index() {
        try {
            return Index.of(Pledges.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

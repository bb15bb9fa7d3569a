package org.p2c.gateway.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.p2c.gateway.Problems;

/**
 * What the gateway itself answers on any operation, before a service sees the call, added to every operation of the
 * merged document: 429 over the rate limit, 413 for a body over the size limit, and on public operations a 401 for a
 * token that is sent but not valid (protected ones document their 401 already). Each is a problem+json.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class GatewayAnswers implements OASFilter {

    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(this::document));
    }

    private void document(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
            addIfAbsent(operation, "401", OASFactory.createAPIResponse().description(
                    "A token was sent and is not valid (signature, issuer, audience, expiry): the gateway refuses it even "
                            + "here. Call without a token, or with a valid one"));
        }
        if (operation.getRequestBody() != null) {
            addIfAbsent(operation, "413", OASFactory.createAPIResponse().description(
                    "The body is larger than the gateway's limit (5 MB unless configured otherwise)"));
        }
        addIfAbsent(operation, "429", OASFactory.createAPIResponse()
                .description("Over the caller's rate limit (per client, person or IP address); retry after Retry-After")
                .addHeader("Retry-After", OASFactory.createHeader().description("Seconds until the next call is allowed")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))));
    }

    private static void addIfAbsent(Operation operation, String code, APIResponse response) {
        if (!operation.getResponses().hasAPIResponse(code)) {
            Content problem = OASFactory.createContent().addMediaType(Problems.MEDIA_TYPE,
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA)));
            operation.getResponses().addAPIResponse(code, response.content(problem));
        }
    }
}

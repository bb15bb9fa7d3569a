package org.p2c.gateway.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.p2c.gateway.Problems;
import org.p2c.gateway.routing.ProxyRoutes;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the gateway itself adds to every operation of the merged document, because it answers or sends it before or
 * after a service sees the call:
 * <ul>
 *   <li>429 over the rate limit (with {@code Retry-After}), 413 for a body over the size limit, 502 and 504 for a
 *   service that is unreachable or silent, and on public operations a 401 for a token that is sent but not valid
 *   (protected ones document their 401 already); each a problem+json;</li>
 *   <li>on every answer the caller's budget ({@code RateLimit-Limit}, {@code -Remaining}, {@code -Reset}) and, for a
 *   browser page of one of the configured origins, {@code Access-Control-Allow-Origin};</li>
 *   <li>on a public operation an optional token: anonymous, or signed in with the {@code itu} scheme (the gateway
 *   checks a token that is sent, and a service may answer a signed-in caller more).</li>
 * </ul>
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class GatewayAnswers implements OASFilter {

    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";
    /** The longest a caller waits for its next call: a budget of one call a minute. */
    private static final int MAX_WAIT_SECONDS = 60;
    /** When the gateway counts a call, and so sends the budget headers. */
    private static final String COUNTED = " Sent on every answer to a call the gateway counted: all but the 401 for a "
            + "token the gateway refuses.";

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
        if (isPublic(operation)) {
            addIfAbsent(operation, "401", OASFactory.createAPIResponse().description(
                    "A token was sent and is not valid (signature, issuer, audience, expiry): the gateway refuses it even "
                            + "here. Call without a token, or with a valid one"));
            operation.setSecurity(List.of(OASFactory.createSecurityRequirement(),
                    OASFactory.createSecurityRequirement().addScheme(SignInScheme.SCHEME)));
        }
        if (operation.getRequestBody() != null) {
            addIfAbsent(operation, "413", OASFactory.createAPIResponse().description(
                    "The body is larger than the gateway's limit (5 MB unless configured otherwise)"));
        }
        addIfAbsent(operation, "429", OASFactory.createAPIResponse()
                .description("Over the caller's rate limit (per client, person or IP address); retry after Retry-After")
                .addHeader("Retry-After", OASFactory.createHeader().description("Seconds until the next call is allowed")
                        .schema(integer("int32", 1, MAX_WAIT_SECONDS))));
        addIfAbsent(operation, "502", OASFactory.createAPIResponse().description(
                "The service behind the gateway refused or dropped the connection; try again later"));
        addIfAbsent(operation, "504", OASFactory.createAPIResponse().description(
                "The service behind the gateway did not answer in time; try again later"));
        operation.getResponses().getAPIResponses().values().forEach(GatewayAnswers::gatewayHeaders);
    }

    /** Public: no requirement at all, or one that is empty (anonymous callers allowed). */
    static boolean isPublic(Operation operation) {
        List<SecurityRequirement> security = operation.getSecurity();
        return security == null || security.isEmpty() || security.stream()
                .anyMatch(r -> r.getSchemes() == null || r.getSchemes().isEmpty());
    }

    private static void gatewayHeaders(APIResponse response) {
        addHeaderIfAbsent(response, ProxyRoutes.RATE_LIMIT_LIMIT, OASFactory.createHeader()
                .description("The caller's budget: calls a minute (per client, per person of a public client, or per IP "
                        + "address)." + COUNTED)
                .schema(integer("int32", 1, Integer.MAX_VALUE)));
        addHeaderIfAbsent(response, ProxyRoutes.RATE_LIMIT_REMAINING, OASFactory.createHeader()
                .description("Calls left of the budget right now." + COUNTED)
                .schema(integer("int32", 0, Integer.MAX_VALUE)));
        addHeaderIfAbsent(response, ProxyRoutes.RATE_LIMIT_RESET, OASFactory.createHeader()
                .description("Seconds until the budget is whole again (it refills continuously)." + COUNTED)
                .schema(integer("int64", 0, MAX_WAIT_SECONDS)));
        addHeaderIfAbsent(response, "Access-Control-Allow-Origin", OASFactory.createHeader()
                .description("The calling page's origin, when it is one of the gateway's CORS origins (CORS_ORIGINS); "
                        + "absent for any other caller. Services' own CORS headers never reach the caller.")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri")));
    }

    private static Schema integer(String format, long minimum, long maximum) {
        return OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format(format)
                .minimum(BigDecimal.valueOf(minimum)).maximum(BigDecimal.valueOf(maximum));
    }

    private static void addHeaderIfAbsent(APIResponse response, String name, Header header) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
            response.addHeader(name, header);
        }
    }

    private static void addIfAbsent(Operation operation, String code, APIResponse response) {
        if (!operation.getResponses().hasAPIResponse(code)) {
            Content problem = OASFactory.createContent().addMediaType(Problems.MEDIA_TYPE,
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA)));
            operation.getResponses().addAPIResponse(code, response.content(problem));
        }
    }
}

package org.p2c.gateway.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.vertx.core.json.JsonObject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.p2c.gateway.Problems;
import org.p2c.gateway.routing.ProxyRoutes;
import org.p2c.gateway.routing.RouteTable;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the gateway itself adds to every operation of the merged document, because it answers or sends it before or
 * after a service sees the call:
 * <ul>
 *   <li>429 over the rate limit (with {@code Retry-After}), 413 for a body over the size limit, 502 and 504 for a
 *   service that is unreachable or silent, and on public operations a 401 for a token that is sent but not valid
 *   (protected ones document their 401 already); each a problem+json whose example is the gateway's answer, built by
 *   {@link Problems} as the gateway sends it (and every 401 shows the gateway's refusal of an invalid token beside the
 *   service's own);</li>
 *   <li>on every answer the caller's budget ({@code RateLimit-Limit}, {@code -Remaining}, {@code -Reset}) and, for a
 *   browser page of one of the configured origins, {@code Access-Control-Allow-Origin};</li>
 *   <li>on a public operation an optional token: anonymous, or signed in with the {@code itu} scheme (the gateway
 *   checks a token that is sent, and a service may answer a signed-in caller more).</li>
 * </ul>
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class GatewayAnswers implements OASFilter {

    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";
    /** The examples' figures: the defaults of application.properties (p2c.gateway.max-body-size, rate-limit.*). */
    private static final long DEFAULT_MAX_BODY_BYTES = 5L * 1024 * 1024;
    private static final int EXAMPLE_ANONYMOUS_PER_MINUTE = 300;
    private static final int EXAMPLE_CLIENT_PER_MINUTE = 1200;
    private static final String EXAMPLE_ID = "8d1e5f4a-2b7c-4e9a-9f3d-6c2a1b0e7d55";
    private static final String INVALID_TOKEN = "invalid-token";
    private static final String ROUTES = "p2c.gateway.routes.";
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
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
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values()
                .forEach(operation -> document(path, operation)));
    }

    private void document(String path, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        String instance = instance(path, operation);
        boolean open = isPublic(operation);
        if (open) {
            addIfAbsent(operation, "401", OASFactory.createAPIResponse().description(
                    "A token was sent and is not valid (signature, issuer, audience, expiry): the gateway refuses it even "
                            + "here. Call without a token, or with a valid one"), Problems.invalidToken(instance));
            operation.setSecurity(List.of(OASFactory.createSecurityRequirement(),
                    OASFactory.createSecurityRequirement().addScheme(SignInScheme.SCHEME)));
        } else {
            // The service says why it wants a token; a token the gateway refuses never reaches it.
            show(operation.getResponses().getAPIResponse("401"), INVALID_TOKEN, Problems.invalidToken(instance));
        }
        if (operation.getRequestBody() != null) {
            addIfAbsent(operation, "413", OASFactory.createAPIResponse().description(
                    "The body is larger than the gateway's limit (5 MB unless configured otherwise)"),
                    Problems.bodyTooLarge(DEFAULT_MAX_BODY_BYTES, instance));
        }
        addIfAbsent(operation, "429", OASFactory.createAPIResponse()
                .description("Over the caller's rate limit (per client, person or IP address); retry after Retry-After")
                .addHeader("Retry-After", OASFactory.createHeader().description("Seconds until the next call is allowed")
                        .schema(integer("int32", 1, MAX_WAIT_SECONDS))),
                Problems.rateLimited(open ? EXAMPLE_ANONYMOUS_PER_MINUTE : EXAMPLE_CLIENT_PER_MINUTE, 1, instance));
        String service = serviceOf(path);
        // ProxyRoutes sends Retry-After on both: the service is likely back (restarted, caught up) within seconds.
        addIfAbsent(operation, "502", OASFactory.createAPIResponse().description(
                "The service behind the gateway refused or dropped the connection; retry after Retry-After seconds")
                .addHeader("Retry-After", retryAfter()),
                Problems.upstreamUnavailable(service, instance));
        addIfAbsent(operation, "504", OASFactory.createAPIResponse().description(
                "The service behind the gateway did not answer in time; retry after Retry-After seconds")
                .addHeader("Retry-After", retryAfter()),
                Problems.upstreamTimeout(service, instance));
        operation.getResponses().getAPIResponses().values().forEach(GatewayAnswers::gatewayHeaders);
    }

    private static org.eclipse.microprofile.openapi.models.headers.Header retryAfter() {
        return OASFactory.createHeader().description("Seconds to wait before calling again ("
                + ProxyRoutes.RETRY_AFTER_SECONDS + ")").schema(integer("int32", 1, MAX_WAIT_SECONDS));
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

    private static void addIfAbsent(Operation operation, String code, APIResponse response, JsonObject example) {
        if (!operation.getResponses().hasAPIResponse(code)) {
            Content problem = OASFactory.createContent().addMediaType(Problems.MEDIA_TYPE,
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA)));
            operation.getResponses().addAPIResponse(code, response.content(problem));
            show(response, example.getString("type").substring(example.getString("type").lastIndexOf('/') + 1), example);
        }
    }

    /** Adds the gateway's problem to the answer's examples (problem+json), named {@code name}. */
    private static void show(APIResponse response, String name, JsonObject problem) {
        if (response == null || response.getContent() == null || response.getContent().getMediaType(Problems.MEDIA_TYPE) == null) {
            return;
        }
        response.getContent().getMediaType(Problems.MEDIA_TYPE).addExample(name, OASFactory.createExample()
                .summary(problem.getString("title")).value(problem.getMap()));
    }

    /** The path as a caller sends it: each path parameter by its example, else an id. */
    static String instance(String path, Operation operation) {
        Matcher parameter = PATH_PARAMETER.matcher(path);
        StringBuilder filled = new StringBuilder();
        while (parameter.find()) {
            String value = EXAMPLE_ID;
            if (operation.getParameters() != null) {
                for (Parameter p : operation.getParameters()) {
                    if (p.getIn() == Parameter.In.PATH && parameter.group(1).equals(p.getName()) && p.getSchema() != null
                            && p.getSchema().getExamples() != null && !p.getSchema().getExamples().isEmpty()) {
                        value = String.valueOf(p.getSchema().getExamples().get(0));
                    }
                }
            }
            parameter.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        parameter.appendTail(filled);
        return filled.toString();
    }

    /** The service the gateway routes a path to (p2c.gateway.routes), as its 502 and 504 name it. */
    static String serviceOf(String path) {
        if (!path.startsWith(RouteTable.PREFIX)) {
            return "service";
        }
        String rest = path.substring(RouteTable.PREFIX.length());
        String segment = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        try {
            Config config = ConfigProvider.getConfig();
            for (String name : config.getPropertyNames()) {
                if (name.startsWith(ROUTES) && config.getOptionalValues(name, String.class).orElse(List.of()).stream()
                        .map(String::trim).anyMatch(segment::equals)) {
                    return name.substring(ROUTES.length());
                }
            }
        } catch (RuntimeException noConfiguration) {
            // A document built without the gateway's configuration names no service.
        }
        return "service";
    }
}

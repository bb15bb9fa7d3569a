package org.p2c.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.p2c.e2e.Api.ADMIN;
import static org.p2c.e2e.Api.AMINA;
import static org.p2c.e2e.Api.GSMA;
import static org.p2c.e2e.Api.SECRETARIAT;
import static org.p2c.e2e.Api.anonymous;
import static org.p2c.e2e.Api.as;

/**
 * Every operation of the API document the gateway serves, called through the gateway in one pass: anonymously, and
 * with a real token of a caller that has the operation's role ({@code x-p2c-roles}; any signed-in person when the
 * operation names none). Each must reach its service: never the gateway's own 404 for an unrouted path, nor a 405,
 * 406, 415 or a 5xx; a 404 is acceptable only as the service's own answer for something absent. A public operation
 * must answer without a token, and a protected one must ask for it (401). Every JSON answer of success must hold to
 * the operation's response schema in the document (JSON Schema 2020-12, its {@code #/components/schemas} resolved
 * in the document): what a client generated from it is told is required is there, and null only where it says so.
 *
 * <p>The walk changes nothing: operations that change state get a body that fails validation (an empty object, or a
 * list where an object is expected when the object has no required field), or, without a body, ids that do not
 * exist; either way their answer is a problem. Path parameters are this class's own Lao pledge, its entity and a
 * draft report where those make sense.
 */
@ExtendWith(E2ePlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocumentWalkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");
    private static final String PROBLEM = "application/problem+json";
    /** How a service words a 404 for something absent (service-support's ProblemException.notFound). */
    private static final String ABSENT_AT_THE_SERVICE = " does not exist or is not visible to you";
    /** The operations each service's segments of the gateway lead to; each must be in the document. */
    private static final List<String> SERVICE_PATHS = List.of("/api/v1/entities", "/api/v1/pledges", "/api/v1/reports",
            "/api/v1/analytics");

    private JsonNode document;
    /** A caller per realm role, and who that is, for the summary. */
    private final Map<String, String> tokenByRole = new LinkedHashMap<>();
    private final Map<String, String> nameByToken = new HashMap<>();
    private String entityId;
    private String pledgeId;
    private String reportId;

    @BeforeAll
    void theDocumentRealTokensAndALaoPledgeToWalkWith() throws IOException {
        document = JSON.readTree(anonymous().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());

        signIn("pledger", AMINA, Api.signIn(AMINA));
        signIn("secretariat", SECRETARIAT, Api.signIn(SECRETARIAT));
        signIn("admin", ADMIN, Api.signIn(ADMIN));
        signIn("partner-system", GSMA, Api.partner(GSMA));
        String amina = tokenByRole.get("pledger");
        String secretariat = tokenByRole.get("secretariat");

        // Laos, not Cambodia: PledgeJourneyTest counts Cambodia's brief around its own validation.
        entityId = as(amina).body(Api.entity("Vientiane Digital Schools Office (e2e walk)", "LAO", "Amina Pledger",
                "amina.pledger@example.org")).post("/api/v1/entities").then().statusCode(201).extract().path("id");
        as(secretariat).body(Map.of("reason", "Registration documents checked"))
                .post("/api/v1/entities/{id}/verification", entityId).then().statusCode(200);
        Map<String, Object> content = new HashMap<>(Api.cambodiaPledge("Broadband for the schools of Vientiane (e2e walk)"));
        content.put("countries", List.of("LAO"));
        pledgeId = untilAccepted(() -> as(amina).body(Map.of("pledgerEntityId", entityId, "content", content))
                .post("/api/v1/pledges")).then().statusCode(201).extract().path("id");
        as(amina).body(Map.of()).post("/api/v1/pledges/{id}/submission", pledgeId).then().statusCode(200);
        // pledge-service validates only once its view of the entity has the verification.
        untilAccepted(() -> as(secretariat).body(Map.of("comment", "Meets the Coalition's criteria"))
                .post("/api/v1/pledges/{id}/validation", pledgeId)).then().statusCode(200);
        reportId = untilAccepted(() -> as(amina).body(Map.of("pledgeId", pledgeId, "content",
                        Map.of("asOfDate", Api.today().toString(), "completionStatus", "PLANNING_PHASE")))
                .post("/api/v1/reports")).then().statusCode(201).extract().path("id");
    }

    @Test
    void every_documented_operation_is_routed_and_answers_its_callers_as_documented() {
        SoftAssertions softly = new SoftAssertions();
        List<String> walked = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (METHODS.contains(operation.getKey())) {
                walked.add(walk(softly, path.getKey(), path.getValue(), operation.getKey(), operation.getValue()));
            }
        }));
        walked.forEach(System.out::println);

        assertThat(walked).as("operations of every service in the document").hasSizeGreaterThan(SERVICE_PATHS.size());
        for (String service : SERVICE_PATHS) {
            assertThat(walked).as("the document has the operations of %s", service).anyMatch(w -> w.contains(" " + service));
        }
        softly.assertAll();
    }

    @Test
    void the_walk_fails_for_an_unrouted_operation_and_for_a_public_one_that_demands_a_token() {
        ObjectNode claimedPublic = document.at("/paths/~1api~1v1~1me/get").deepCopy();
        claimedPublic.remove("security");
        ObjectNode undocumented = JSON.createObjectNode();
        undocumented.putObject("responses").putObject("200").put("description", "OK");
        SoftAssertions softly = new SoftAssertions();

        walk(softly, "/api/v1/me", JSON.createObjectNode(), "get", claimedPublic);
        walk(softly, "/api/v1/nowhere", JSON.createObjectNode(), "get", undocumented);
        walk(softly, "/api/v1/pledges/P2C-2024-00042/teleportation", JSON.createObjectNode(), "get", undocumented);

        List<String> failures = softly.errorsCollected().stream().map(Throwable::getMessage).toList();
        assertThat(failures).as("a public operation that demands a token")
                .anyMatch(f -> f.contains("GET /api/v1/me is public in the document"));
        assertThat(failures).as("a segment the gateway does not route")
                .anyMatch(f -> f.contains("GET /api/v1/nowhere anonymously: the 404 comes from the service"));
        assertThat(failures).as("a path the service has no resource for")
                .anyMatch(f -> f.contains("GET /api/v1/pledges/P2C-2024-00042/teleportation anonymously: the 404 comes from the service"));
    }

    @Test
    void the_walk_fails_for_an_answer_that_lacks_what_the_document_requires_or_holds_another_type() {
        JsonNode pathItem = document.at("/paths/~1api~1v1~1pledges~1{id}");
        ObjectNode pledge = document.at("/components/schemas/Pledge").deepCopy();
        ((ArrayNode) pledge.get("required")).add("e2eWalkNeverAnswered");
        ObjectNode properties = (ObjectNode) pledge.get("properties");
        properties.putObject("e2eWalkNeverAnswered").put("type", "string");
        properties.putObject("title").put("type", "integer");
        ObjectNode claimsMore = pathItem.get("get").deepCopy();
        ((ObjectNode) claimsMore.at("/responses/200/content/application~1json")).set("schema", pledge);
        SoftAssertions softly = new SoftAssertions();

        walk(softly, "/api/v1/pledges/{id}", pathItem, "get", claimsMore);

        List<String> failures = softly.errorsCollected().stream().map(Throwable::getMessage).toList();
        assertThat(failures).as("a required field the answer lacks, named with the operation")
                .anyMatch(f -> f.contains("GET /api/v1/pledges/{id} anonymously answers as the document says")
                        && f.contains("e2eWalkNeverAnswered"));
        assertThat(failures).as("a field of another type, by its JSON path")
                .anyMatch(f -> f.contains("$.title") && f.contains("integer"));
    }

    /** Calls one operation anonymously and, when it is protected, as a caller allowed to; answers a summary line. */
    private String walk(SoftAssertions softly, String path, JsonNode pathItem, String method, JsonNode operation) {
        String name = method.toUpperCase() + " " + path;
        boolean changes = !method.equals("get");
        boolean hasBody = operation.has("requestBody");
        boolean isPublic = isPublic(operation);
        // Real ids only where the call cannot act on them: reads, and changes whose body fails validation.
        boolean realIds = !changes || hasBody;

        Response anonymous = call(path, pathItem, method, operation, null, realIds);
        String summary = name + ": anonymous " + anonymous.statusCode();
        reachesItsService(softly, name + " anonymously", anonymous);
        answersAsDocumented(softly, name + " anonymously", operation, anonymous);
        if (isPublic) {
            softly.assertThat(anonymous.statusCode()).as("%s is public in the document: it answers without a token", name)
                    .isNotIn(401, 403);
        } else {
            softly.assertThat(anonymous.statusCode()).as("%s needs a token in the document: it asks for one", name)
                    .isEqualTo(401);
        }
        if (changes) {
            isAProblem(softly, name + " anonymously", anonymous);
        }
        if (isPublic) {
            return summary;
        }

        List<String> roles = new ArrayList<>();
        operation.path("x-p2c-roles").forEach(role -> roles.add(role.asText()));
        boolean harmless = !changes || hasBody || hasPathParameters(pathItem, operation);
        if (!harmless) {
            // Nothing in such a request can make it fail (a rebuild, say): only a caller without the role tries it.
            softly.assertThat(roles).as("%s changes state without any input: it must need a role", name).isNotEmpty();
            if (roles.isEmpty() || roles.contains("pledger")) {
                return summary;
            }
            Response refused = call(path, pathItem, method, operation, tokenByRole.get("pledger"), realIds);
            reachesItsService(softly, name + " as a pledger", refused);
            answersAsDocumented(softly, name + " as a pledger", operation, refused);
            softly.assertThat(refused.statusCode()).as("%s as a caller without the role %s", name, roles).isEqualTo(403);
            isAProblem(softly, name + " as a pledger", refused);
            return summary + ", " + AMINA + " (no role " + roles + ") " + refused.statusCode();
        }
        String token = roles.isEmpty() ? tokenByRole.get("pledger") : roles.stream().map(tokenByRole::get)
                .filter(t -> t != null).findFirst().orElse(null);
        softly.assertThat(token).as("%s needs one of %s: the suite has a caller for it", name, roles).isNotNull();
        if (token == null) {
            return summary;
        }
        Response allowed = call(path, pathItem, method, operation, token, realIds);
        String who = nameByToken.get(token);
        reachesItsService(softly, name + " as " + who, allowed);
        answersAsDocumented(softly, name + " as " + who, operation, allowed);
        softly.assertThat(allowed.statusCode()).as("%s as %s, who may call it", name, who).isNotIn(401, 403);
        if (changes) {
            isAProblem(softly, name + " as " + who, allowed);
            if (hasBody) {
                softly.assertThat(allowed.statusCode()).as("%s as %s with a body that fails validation", name, who)
                        .isIn(400, 422);
            }
        }
        return summary + ", " + who + " " + allowed.statusCode();
    }

    private Response call(String path, JsonNode pathItem, String method, JsonNode operation, String token, boolean realIds) {
        RequestSpecification request = (token == null ? anonymous() : as(token)).accept(accepted(operation));
        String url = path;
        for (JsonNode parameter : parameters(pathItem, operation)) {
            String name = parameter.get("name").asText();
            switch (parameter.get("in").asText()) {
                case "path" -> url = url.replace("{" + name + "}",
                        URLEncoder.encode(value(path, name, parameter, realIds), StandardCharsets.UTF_8));
                case "query" -> {
                    if (parameter.path("required").asBoolean()) {
                        request.queryParam(name, value(path, name, parameter, realIds));
                    }
                }
                case "header" -> {
                    if (parameter.path("required").asBoolean()) {
                        request.header(name, "e2e-walk-" + UUID.randomUUID());
                    }
                }
                default -> {
                }
            }
        }
        if (operation.has("requestBody")) {
            request.body(failingBody(operation.get("requestBody")));
        }
        return request.request(method.toUpperCase(), url);
    }

    /** This class's own state where a parameter names it; otherwise a well-formed value that names nothing. */
    private String value(String path, String name, JsonNode parameter, boolean real) {
        String known = real ? switch (name) {
            case "id" -> path.startsWith("/api/v1/entities/") ? entityId
                    : path.startsWith("/api/v1/pledges/") ? pledgeId
                    : path.startsWith("/api/v1/reports/") ? reportId : null;
            case "pledgeId" -> pledgeId;
            case "alpha3", "country" -> "LAO";
            case "region" -> "ASIA_PACIFIC";
            case "compareTo" -> Api.today().minusDays(30).toString();
            default -> null;
        } : null;
        if (known != null) {
            return known;
        }
        JsonNode schema = resolve(parameter.path("schema"));
        return "uuid".equals(schema.path("format").asText()) ? UUID.randomUUID().toString() : "e2e-walk-unknown";
    }

    /** An empty object fails an object with required fields; a list fails to be read as any object. */
    private Object failingBody(JsonNode requestBody) {
        JsonNode schema = resolve(requestBody.path("content").path("application/json").path("schema"));
        return schema.path("required").isEmpty() ? List.of() : Map.of();
    }

    /** The success answer's media types (a CSV export asks for CSV) and problems; anything when it has no body. */
    private static String accepted(JsonNode operation) {
        List<String> types = new ArrayList<>();
        operation.path("responses").fields().forEachRemaining(response -> {
            if (response.getKey().startsWith("2")) {
                response.getValue().path("content").fieldNames().forEachRemaining(types::add);
            }
        });
        if (types.isEmpty()) {
            return "*/*";
        }
        types.add(PROBLEM);
        return String.join(", ", types);
    }

    /** No security requirement, or an empty one beside the scheme: a token is optional (the gateway's public operations). */
    private static boolean isPublic(JsonNode operation) {
        JsonNode security = operation.path("security");
        if (security.isEmpty()) {
            return true;
        }
        for (JsonNode requirement : security) {
            if (requirement.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> parameters(JsonNode pathItem, JsonNode operation) {
        List<JsonNode> parameters = new ArrayList<>();
        pathItem.path("parameters").forEach(parameters::add);
        operation.path("parameters").forEach(parameters::add);
        return parameters;
    }

    private static boolean hasPathParameters(JsonNode pathItem, JsonNode operation) {
        return parameters(pathItem, operation).stream().anyMatch(p -> "path".equals(p.path("in").asText()));
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith("#/") ? document.at(ref.substring(1)) : schema;
    }

    /**
     * Reached the operation it names: no 5xx (the gateway's 502/504 or a service's 500), no 405/406/415 (a call that
     * missed the operation), and a 404 only from the service for something absent. The gateway's 404 for an unrouted
     * path says "No API resource at …", and a path no resource of the service matches says just "Not Found".
     */
    private static void reachesItsService(SoftAssertions softly, String call, Response answer) {
        int status = answer.statusCode();
        softly.assertThat(status).as("%s reaches its operation (%s)", call, answer.asString()).isLessThan(500)
                .isNotIn(405, 406, 415);
        if (status == 404) {
            softly.assertThat(answer.contentType()).as("%s: the 404 is a problem", call).startsWith(PROBLEM);
            softly.assertThat(detail(answer)).as("%s: the 404 comes from the service, for something absent", call)
                    .endsWith(ABSENT_AT_THE_SERVICE);
        }
    }

    /**
     * A JSON answer of success holds to the schema the operation documents for its status and media type: each
     * field that does not, by its JSON path and why.
     */
    private void answersAsDocumented(SoftAssertions softly, String call, JsonNode operation, Response answer) {
        String mediaType = answer.contentType() == null ? "" : answer.contentType().split(";")[0].trim();
        if (answer.statusCode() / 100 != 2 || !(mediaType.equals("application/json") || mediaType.endsWith("+json"))) {
            return;
        }
        JsonNode schema = operation.path("responses").path(String.valueOf(answer.statusCode())).path("content")
                .path(mediaType).path("schema");
        if (!schema.isObject()) {
            softly.fail("%s answers %d %s, for which the document has no schema", call, answer.statusCode(), mediaType);
            return;
        }
        List<String> violations;
        try {
            violations = inTheDocument(schema).validate(JSON.readTree(answer.asString())).stream()
                    .map(v -> v.getMessage()).sorted().toList(); // each message starts with its JSON path
        } catch (IOException notJson) {
            violations = List.of("not JSON: " + notJson.getMessage());
        }
        softly.assertThat(violations).as("%s answers as the document says", call).isEmpty();
    }

    /** The schema with the document's components beside it, so that its {@code #/components/schemas/...} resolve. */
    private JsonSchema inTheDocument(JsonNode schema) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.setAll((ObjectNode) schema.deepCopy());
        root.set("components", document.get("components"));
        return SCHEMAS.getSchema(root);
    }

    private static void isAProblem(SoftAssertions softly, String call, Response answer) {
        softly.assertThat(answer.statusCode()).as("%s changes nothing: it is refused", call).isBetween(400, 499);
        softly.assertThat(answer.contentType()).as("%s: the refusal is a problem", call).startsWith(PROBLEM);
    }

    private static String detail(Response answer) {
        try {
            String detail = answer.jsonPath().getString("detail");
            return detail == null ? "" : detail;
        } catch (RuntimeException notJson) {
            return "";
        }
    }

    private void signIn(String role, String who, String token) {
        tokenByRole.put(role, token);
        nameByToken.put(token, who);
    }

    /**
     * A service learns of other services' changes from Kafka: until its view has caught up it answers 503 (not known
     * yet) or 409 (known, but not yet in the state the call needs). Neither changes anything, so the call is retried.
     */
    private static Response untilAccepted(Supplier<Response> call) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Response response = call.get();
        while ((response.statusCode() == 503 || response.statusCode() == 409) && System.nanoTime() < deadline) {
            Api.sleep(Duration.ofMillis(500));
            response = call.get();
        }
        return response;
    }
}

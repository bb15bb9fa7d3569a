package org.p2c.support.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No input a caller can send makes a service fail: every operation of the service's own API document
 * ({@code /q/openapi?format=json}) is called with generated parameters and bodies — valid values, boundary and huge
 * numbers, odd text (NUL and other control characters, very long, unicode, {@code =cmd}), dates out of range or
 * malformed, values of the wrong JSON type, fields left out, empty or absent bodies — with a token having the
 * operation's role ({@code x-p2c-roles}), and must never answer a 5xx; every 4xx must be
 * {@code application/problem+json} with its status, and name no exception class or Java package.
 *
 * <p>Bodies are mostly a valid body (the operation's request example, else one built from the schema's examples) with
 * one or a few values changed, so that an odd value gets past the others' validation to wherever it could do harm.
 * The calls are jqwik samples drawn with a fixed seed (jqwik's properties do not run inside Quarkus' test extension):
 * a failure names the operation, the call as sent, the answer, the seed and the sample. {@code -Dp2c.seed=<number>}
 * draws another set, {@code -Dp2c.fuzz.tries=<n>} sets the calls per operation. The calls made per operation, and
 * the statuses they got, are printed.
 *
 * <p>A subclass is a {@code @QuarkusTest} of the service with its test resources, best in a world of its own
 * ({@code RESTRICTED_TO_CLASS}: the calls create data), and says, if it wants, which tokens to call with.
 */
public abstract class ApiFuzzContract {

    private static final int TRIES = Integer.getInteger("p2c.fuzz.tries", 40);
    private static final String SEED = System.getProperty("p2c.seed", "20261214");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One call as sent, for the report. */
    public record Call(String operation, String method, String path, Map<String, String> pathParameters,
                       List<Map.Entry<String, String>> query, Map<String, String> headers, String token, String body,
                       String contentType) {

        String describe() {
            StringBuilder text = new StringBuilder(method).append(' ').append(path);
            pathParameters.forEach((name, value) -> text.append(" {").append(name).append("}=").append(shown(value)));
            query.forEach(q -> text.append(" ?").append(q.getKey()).append('=').append(shown(q.getValue())));
            headers.forEach((name, value) -> text.append(" [").append(name).append(": ").append(shown(value)).append(']'));
            text.append(" token=").append(token == null ? "none" : token);
            if (body != null) {
                text.append(" body(").append(contentType).append(")=").append(shown(body));
            }
            return text.toString();
        }
    }

    /**
     * The bearer token for a call that needs {@code role} (null: any signed-in caller). By default a person with
     * the role, or for {@code partner-system} an unbound partner client; a subclass gives callers that act for an
     * entity so that calls get past the access checks.
     */
    protected String token(String role) {
        if (role == null) {
            return TestTokens.person("fuzz-person", "pledger");
        }
        if ("partner-system".equals(role)) {
            return TestTokens.partner("fuzz-partner");
        }
        return TestTokens.person("fuzz-" + role, role);
    }

    /**
     * Values a parameter or a body field takes that its schema cannot say (an id of the subclass' world, a sortable
     * field, a code of a catalogue), by name: a parameter's valid values are mostly these, and a valid body has the
     * first of them in a field of that name.
     */
    protected List<String> knownValues(String parameter) {
        return List.of();
    }

    @Test
    void noInputMakesTheServiceFailAndEveryRefusalIsAProblem() throws Exception {
        JsonNode document = JSON.readTree(given().accept("application/json").get("/q/openapi?format=json").asString());
        List<Operation> operations = Operation.all(document);
        assertThat(operations).as("the operations of the service's API document").isNotEmpty();
        Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Map<String, String> tokens = new HashMap<>();
        for (Operation operation : operations) {
            List<Call> calls = new ArrayList<>();
            Arbitrary<Call> arbitrary = new Calls(document, operation, this::knownValues).arbitrary();
            JqwikSession.run(SEED, () -> arbitrary.sampleStream().limit(TRIES).forEach(calls::add));
            Map<Integer, Integer> got = statuses.computeIfAbsent(operation.id(), id -> new TreeMap<>());
            int failed = 0;
            for (int i = 0; i < calls.size() && failed < 3; i++) {
                Call call = calls.get(i);
                String token = call.token() == null ? null
                        : tokens.computeIfAbsent(call.token(), role -> token("signed-in".equals(role) ? null : role));
                Response answer = send(call, token);
                got.merge(answer.statusCode(), 1, Integer::sum);
                String wrong = wrongAbout(answer);
                if (wrong != null) {
                    failed++;
                    failures.add(operation.id() + " (seed " + SEED + ", sample " + i + "): " + wrong + "\n    call:   "
                            + call.describe() + "\n    answer: " + answer.statusCode() + " " + answer.contentType() + " "
                            + shown(answer.asString()));
                }
            }
        }
        System.out.println("Calls per operation (" + getClass().getSimpleName() + ", seed " + SEED + "):");
        statuses.forEach((id, got) -> System.out.printf("  %-34s %4d calls  %s%n", id,
                got.values().stream().mapToInt(Integer::intValue).sum(), got));
        assertThat(failures).as("calls answered with a 5xx, or refused other than with a problem").isEmpty();
    }

    private static Response send(Call call, String token) {
        // The URI is built here, every value percent-encoded: RestAssured would read braces in a value as a template.
        String path = call.path();
        for (Map.Entry<String, String> parameter : call.pathParameters().entrySet()) {
            path = path.replace("{" + parameter.getKey() + "}", encoded(parameter.getValue()));
        }
        StringBuilder uri = new StringBuilder(path);
        for (int i = 0; i < call.query().size(); i++) {
            Map.Entry<String, String> q = call.query().get(i);
            uri.append(i == 0 ? '?' : '&').append(encoded(q.getKey())).append('=').append(encoded(q.getValue()));
        }
        RequestSpecification request = given().urlEncodingEnabled(false)
                .config(RestAssuredConfig.config().encoderConfig(
                        EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .redirects().follow(false);
        if (token != null) {
            request.auth().oauth2(token);
        }
        call.headers().forEach(request::header);
        if (call.body() != null) {
            request.contentType(call.contentType()).body(call.body());
        }
        return request.request(call.method(), uri.toString());
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Why the answer breaks the promise, or null. */
    static String wrongAbout(Response answer) {
        int status = answer.statusCode();
        if (status >= 500) {
            return "answered " + status;
        }
        if (status < 400) {
            return null;
        }
        String type = answer.contentType();
        if (type == null || !type.startsWith("application/problem+json")) {
            return "a " + status + " that is not application/problem+json";
        }
        String body = answer.asString();
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (Exception unreadable) {
            return "a " + status + " whose problem is not JSON";
        }
        if (problem == null || problem.path("status").asInt() != status) {
            return "a " + status + " whose problem does not say its status";
        }
        if (Refusals.INTERNALS.matcher(body).find()) {
            return "a " + status + " whose problem shows an exception class or a Java package";
        }
        return null;
    }

    static String shown(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder text = new StringBuilder();
        value.codePoints().limit(400).forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0xd800 && c <= 0xdfff)) {
                text.append(String.format("\\u%04x", c));
            } else {
                text.appendCodePoint(c);
            }
        });
        return value.length() > 400 ? text + "…(" + value.length() + " chars)" : text.toString();
    }

    /** One operation of the document: where, how, who, and what it takes. */
    record Operation(String id, String method, String path, List<JsonNode> parameters, JsonNode requestBody,
                     String access) {

        static List<Operation> all(JsonNode document) {
            List<Operation> all = new ArrayList<>();
            document.path("paths").fields().forEachRemaining(path -> {
                List<JsonNode> shared = new ArrayList<>();
                path.getValue().path("parameters").forEach(shared::add);
                path.getValue().fields().forEachRemaining(method -> {
                    JsonNode operation = method.getValue();
                    if (!operation.has("operationId")) {
                        return;
                    }
                    List<JsonNode> parameters = new ArrayList<>(shared);
                    operation.path("parameters").forEach(parameters::add);
                    String access = null;
                    if (operation.path("security").size() > 0) {
                        access = operation.path("x-p2c-roles").size() > 0
                                ? operation.path("x-p2c-roles").get(0).asText() : "signed-in";
                    }
                    all.add(new Operation(operation.get("operationId").asText(), method.getKey().toUpperCase(),
                            path.getKey(), parameters, operation.get("requestBody"), access));
                });
            });
            return all;
        }
    }

    /** The calls of one operation: parameters and bodies drawn from its document. */
    static final class Calls {

        private final JsonNode document;
        private final Operation operation;
        private final java.util.function.Function<String, List<String>> known;

        Calls(JsonNode document, Operation operation, java.util.function.Function<String, List<String>> known) {
            this.document = document;
            this.operation = operation;
            this.known = known;
        }

        Arbitrary<Call> arbitrary() {
            List<Arbitrary<List<String>>> valid = new ArrayList<>();
            List<Arbitrary<List<String>>> wild = new ArrayList<>();
            for (JsonNode parameter : operation.parameters()) {
                valid.add(values(parameter, true));
                wild.add(values(parameter, false));
            }
            int count = valid.size();
            // All parameters valid, or one of them odd (so that it is what the answer is about), or any of them.
            Arbitrary<List<List<String>>> given = count == 0 ? Arbitraries.just(List.of())
                    : Combinators.combine(Combinators.combine(valid).as(List::copyOf), Combinators.combine(wild).as(List::copyOf),
                    Arbitraries.integers().between(0, count - 1), Arbitraries.integers().between(0, 9))
                    .as((validValues, wildValues, odd, mode) -> {
                        List<List<String>> chosen = new ArrayList<>(validValues);
                        if (mode >= 3 && mode < 8) {
                            chosen.set(odd, wildValues.get(odd));
                        } else if (mode >= 8) {
                            chosen = wildValues;
                        }
                        return chosen;
                    });
            // The operation's own caller mostly; sometimes nobody, to see the 401 is a problem too.
            Arbitrary<String> token = operation.access() == null ? Arbitraries.just(null)
                    : Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just(operation.access())), Tuple.of(1, Arbitraries.just(null)));
            return Combinators.combine(given, token, body()).as((chosen, caller, body) -> {
                Map<String, String> path = new LinkedHashMap<>();
                List<Map.Entry<String, String>> query = new ArrayList<>();
                Map<String, String> headers = new LinkedHashMap<>();
                for (int i = 0; i < chosen.size(); i++) {
                    JsonNode parameter = operation.parameters().get(i);
                    String name = parameter.path("name").asText();
                    List<String> values = chosen.get(i);
                    switch (parameter.path("in").asText()) {
                        case "path" -> path.put(name, values.isEmpty() ? "x" : values.get(0));
                        case "query" -> values.forEach(v -> query.add(Map.entry(name, v)));
                        case "header" -> {
                            if (!values.isEmpty()) {
                                headers.put(name, values.get(0));
                            }
                        }
                        default -> {
                        }
                    }
                }
                return new Call(operation.id(), operation.method(), operation.path(), path, query, headers, caller,
                        body == null ? null : body.get1(), body == null ? null : body.get2());
            });
        }

        /** A parameter's values: none (absent), one, or several (repeated), each valid or odd for its schema. */
        private Arbitrary<List<String>> values(JsonNode parameter, boolean validOnly) {
            JsonNode schema = resolve(parameter.path("schema"));
            String in = parameter.path("in").asText();
            boolean array = types(schema).contains("array");
            JsonNode itemSchema = array ? resolve(schema.path("items")) : schema;
            List<String> known = this.known.apply(parameter.path("name").asText());
            Arbitrary<String> one = "header".equals(in) ? headerValue(parameter.path("name").asText(), validOnly)
                    : validOnly ? validText(itemSchema, known) : Arbitraries.frequencyOf(
                    Tuple.of(5, validText(itemSchema, known)),
                    Tuple.of(5, oddText(itemSchema)));
            boolean required = parameter.path("required").asBoolean(false) || "path".equals(in);
            Arbitrary<List<String>> some = array
                    ? one.list().ofMinSize(1).ofMaxSize(3)
                    : Arbitraries.frequencyOf(Tuple.of(9, one.map(List::of)), Tuple.of(1, one.list().ofSize(2)));
            if ("path".equals(in)) {
                return one.map(List::of);
            }
            return required ? some : Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(List.<String>of())), Tuple.of(2, some));
        }

        /** Headers are printable text (no client can send a NUL in one): valid-looking or odd. */
        private static Arbitrary<String> headerValue(String name, boolean validOnly) {
            Arbitrary<String> usual = "If-Match".equalsIgnoreCase(name)
                    ? Arbitraries.of("\"0\"", "\"1\"", "*", "W/\"1\"", "\"999999999999999999999\"", "\"-1\"")
                    : Arbitraries.strings().alpha().numeric().withChars('-').ofMinLength(1).ofMaxLength(40);
            if (validOnly) {
                return usual;
            }
            return Arbitraries.frequencyOf(Tuple.of(6, usual),
                    Tuple.of(3, Arbitraries.of("", " ", "garbage", "\"\"", "=cmd|'/C calc'!A0", "x".repeat(300),
                            "'; drop table pledge; --", "Ωμέγα")),
                    Tuple.of(1, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30)));
        }

        /** A value the schema describes as it would be sent as text (a parameter). */
        private static Arbitrary<String> validText(JsonNode schema, List<String> known) {
            List<Arbitrary<String>> choices = new ArrayList<>();
            if (!known.isEmpty()) {
                // What the subclass knows to be valid (an id of its world, a sortable field) comes first.
                return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(known)), Tuple.of(1, validText(schema, List.of())));
            }
            if (schema.has("enum")) {
                List<String> values = new ArrayList<>();
                schema.get("enum").forEach(v -> values.add(v.asText()));
                choices.add(Arbitraries.of(values));
                choices.add(Arbitraries.of(values).map(v -> v.toLowerCase()));
            }
            if (exampleOf(schema) != null) {
                choices.add(Arbitraries.just(exampleOf(schema).asText()));
            }
            Set<String> types = types(schema);
            String format = schema.path("format").asText("");
            if (format.equals("uuid")) {
                choices.add(Arbitraries.randomValue(random -> new UUID(random.nextLong(), random.nextLong()).toString()));
            } else if (format.equals("date")) {
                choices.add(Arbitraries.of("2024-07-01", "2025-12-31", "1900-01-01", "9999-12-31", "2030-02-28"));
            } else if (format.equals("date-time")) {
                choices.add(Arbitraries.of("2024-07-01T10:00:00Z", "1900-01-01T00:00:00Z", "9999-12-31T23:59:59Z"));
            } else if (types.contains("integer")) {
                long min = schema.has("minimum") ? schema.get("minimum").asLong() : -1000;
                long max = schema.has("maximum") ? schema.get("maximum").asLong() : 1000;
                choices.add(Arbitraries.longs().between(min, max).map(String::valueOf));
                choices.add(Arbitraries.of(String.valueOf(min), String.valueOf(max)));
            } else if (types.contains("number")) {
                choices.add(Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("100000000")).ofScale(2).map(BigDecimal::toPlainString));
            } else if (types.contains("boolean")) {
                choices.add(Arbitraries.of("true", "false"));
            } else if (schema.has("pattern") && schema.get("pattern").asText().contains("[0-9]{4}-[0-9]{2}")) {
                choices.add(Arbitraries.of("2024-01", "2025-06", "1900-01", "9999-12"));
            } else {
                choices.add(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12));
            }
            return Arbitraries.oneOf(choices);
        }

        /** A value meant to trip up whatever reads a text: odd for its schema, or odd for any. */
        private static Arbitrary<String> oddText(JsonNode schema) {
            Set<String> types = types(schema);
            String format = schema.path("format").asText("");
            List<Arbitrary<String>> choices = new ArrayList<>(List.of(ODD_TEXT, ODD_NUMBERS));
            if (format.startsWith("date") || schema.path("pattern").asText().contains("[0-9]{4}")) {
                choices.add(ODD_DATES);
                choices.add(ODD_DATES);
            }
            if (types.contains("integer") || types.contains("number")) {
                choices.add(ODD_NUMBERS);
            }
            if (types.contains("string") && !format.isEmpty()) {
                choices.add(ODD_TEXT);
            }
            return Arbitraries.oneOf(choices);
        }

        /** A body: mostly a valid one with values changed; sometimes as valid, or none, or not JSON at all. */
        private Arbitrary<Tuple.Tuple2<String, String>> body() {
            JsonNode content = operation.requestBody() == null ? null : operation.requestBody().path("content");
            boolean json = content != null && content.has("application/json");
            if (!json) {
                // An operation that takes no body still meets callers who send one.
                // As a client sends no body: with or without saying it is JSON.
                return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(Tuple.of("", "application/json"))),
                        Tuple.of(2, Arbitraries.just(null)),
                        Tuple.of(1, Arbitraries.of("{}", "null", "x").map(b -> Tuple.of(b, "application/json"))));
            }
            JsonNode media = content.get("application/json");
            JsonNode schema = media.path("schema");
            JsonNode base = example(media).orElseGet(() -> valid(schema, 0));
            List<List<Object>> places = new ArrayList<>();
            collect(base, new ArrayList<>(), places);
            Arbitrary<JsonNode> changed = places.isEmpty() ? Arbitraries.just(base)
                    : Arbitraries.integers().between(0, places.size() - 1)
                    .flatMap(i -> oddJson(at(base, places.get(i))).map(odd -> replaced(base, places.get(i), odd)));
            Arbitrary<JsonNode> twiceChanged = places.isEmpty() ? Arbitraries.just(base)
                    : Combinators.combine(Arbitraries.integers().between(0, places.size() - 1),
                    Arbitraries.integers().between(0, places.size() - 1)).as(Tuple::of)
                    .flatMap(ij -> Combinators.combine(oddJson(at(base, places.get(ij.get1()))), oddJson(at(base, places.get(ij.get2()))))
                            .as((a, b) -> replaced(replaced(base, places.get(ij.get1()), a), places.get(ij.get2()), b)));
            Arbitrary<String> asJson = Arbitraries.frequencyOf(
                    Tuple.of(12, changed),
                    Tuple.of(3, twiceChanged),
                    Tuple.of(2, Arbitraries.just(base)),
                    Tuple.of(2, ODD_JSON)).map(ApiFuzzContract::text);
            return Arbitraries.frequencyOf(
                    Tuple.of(20, asJson.map(b -> Tuple.of(b, "application/json"))),
                    Tuple.of(2, Arbitraries.of("", "{", "[1,", "{\"a\":}", "nul", "\u0000", "{}}").map(b -> Tuple.of(b, "application/json"))),
                    Tuple.of(1, Arbitraries.just(null)),
                    Tuple.of(1, Arbitraries.just(Tuple.of(text(base), "text/plain"))));
        }

        /** The operation's own request example, which its document says is valid as sent. */
        private java.util.Optional<JsonNode> example(JsonNode media) {
            if (media.has("example")) {
                return java.util.Optional.of(media.get("example"));
            }
            Iterator<JsonNode> examples = media.path("examples").elements();
            while (examples.hasNext()) {
                JsonNode value = examples.next().get("value");
                if (value != null) {
                    return java.util.Optional.of(value.isTextual() ? parse(value.asText()) : value);
                }
            }
            return java.util.Optional.empty();
        }

        /** A value the schema takes: its example, else built from its properties' examples. */
        private JsonNode valid(JsonNode schemaOrRef, int depth) {
            // An example next to a $ref is the field's own; OpenAPI 3.1 writes examples as a list.
            JsonNode example = exampleOf(schemaOrRef);
            JsonNode schema = resolve(schemaOrRef);
            if (example == null) {
                example = exampleOf(schema);
            }
            if (example != null) {
                return example.isTextual() && types(schema).contains("object") ? parse(example.asText()) : example;
            }
            if (schema.has("enum") && schema.get("enum").size() > 0) {
                return schema.get("enum").get(0);
            }
            if (schema.has("allOf")) {
                return valid(schema.get("allOf").get(0), depth + 1);
            }
            if (schema.has("oneOf") || schema.has("anyOf")) {
                JsonNode choices = schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf");
                for (JsonNode choice : choices) {
                    if (!"null".equals(choice.path("type").asText())) {
                        return valid(choice, depth + 1);
                    }
                }
            }
            Set<String> types = types(schema);
            if (depth > 6) {
                return NODES.nullNode();
            }
            if (types.contains("object") || schema.has("properties")) {
                ObjectNode object = NODES.objectNode();
                schema.path("properties").fields().forEachRemaining(p -> {
                    List<String> known = this.known.apply(p.getKey());
                    object.set(p.getKey(), known.isEmpty() ? valid(p.getValue(), depth + 1) : NODES.textNode(known.get(0)));
                });
                return object;
            }
            if (types.contains("array")) {
                ArrayNode array = NODES.arrayNode();
                int size = Math.max(1, schema.path("minItems").asInt(1));
                for (int i = 0; i < Math.min(size, 3); i++) {
                    array.add(valid(schema.path("items"), depth + 1));
                }
                return array;
            }
            String format = schema.path("format").asText("");
            if (types.contains("integer")) {
                return NODES.numberNode(schema.path("minimum").asLong(1));
            }
            if (types.contains("number")) {
                return NODES.numberNode(schema.has("minimum") ? schema.get("minimum").decimalValue() : BigDecimal.ONE);
            }
            if (types.contains("boolean")) {
                return NODES.booleanNode(false);
            }
            if (schema.path("pattern").asText().startsWith("^https")) {
                return NODES.textNode("https://example.org/evidence.pdf");
            }
            return switch (format) {
                case "uuid" -> NODES.textNode("6f1c2a9e-8d5b-4a7e-9f3c-2b1d0e6a7c55");
                case "date" -> NODES.textNode("2025-06-30");
                case "date-time" -> NODES.textNode("2025-06-30T10:00:00Z");
                default -> NODES.textNode("text");
            };
        }

        private static JsonNode exampleOf(JsonNode schema) {
            if (schema.has("example")) {
                return schema.get("example");
            }
            return schema.path("examples").isArray() && schema.get("examples").size() > 0 ? schema.get("examples").get(0) : null;
        }

        private JsonNode resolve(JsonNode schema) {
            for (int i = 0; i < 10 && schema.has("$ref"); i++) {
                String ref = schema.get("$ref").asText();
                schema = document.at(ref.substring(1));
            }
            return schema;
        }

        private static Set<String> types(JsonNode schema) {
            JsonNode type = schema.path("type");
            Set<String> types = new java.util.HashSet<>();
            if (type.isTextual()) {
                types.add(type.asText());
            } else {
                type.forEach(t -> types.add(t.asText()));
            }
            return types;
        }
    }

    // ----- values -----

    private static final Arbitrary<String> ODD_TEXT = Arbitraries.oneOf(
            Arbitraries.of("", " ", "\u0000", "a\u0000b", "\u0001\u0002\u001f\u007f", "\t\r\n", "\u202e\u0646\u0635",
                    "Ωμέγα 👩🏽‍💻 日本語", "\ud800", "\udfff\ud800", "=cmd|'/C calc'!A0", "+SUM(A1)", "@x", "-1+1",
                    "<script>alert(1)</script>", "' OR 1=1 --", "%00", "%", "../../etc/passwd", "null", "true", "{}",
                    "x".repeat(256), "é".repeat(5000), "x".repeat(20_000), "P2C-2024-00933", "P2C-0000-00000",
                    "6f1c2a9e-8d5b-4a7e-9f3c-2b1d0e6a7c55", "00000000-0000-0000-0000-000000000000"),
            Arbitraries.strings().all().ofMaxLength(12),
            Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(4));

    private static final Arbitrary<String> ODD_DATES = Arbitraries.of(
            "+999999999-12-31", "-999999999-01-01", "0000-01-01", "-0001-01-01", "0001-01-01", "1899-12-31",
            "10000-01-01", "+10000-01-01", "2024-02-30", "2024-13-01", "2024-00-10", "2024-1-1", "24-01-01",
            "2024-07-01T10:00:00Z", "2024-07-01T25:00:00Z", "+999999999-12-31T23:59:59Z", "-0001-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z", "1899-12-31T23:59:59Z", "2024-07", "2024", "0000-00", "+999999999-12",
            "-0001-12", "20240701", "today", "");

    private static final Arbitrary<String> ODD_NUMBERS = Arbitraries.oneOf(
            Arbitraries.of("0", "-0", "-1", "1.5", "1e3", "1e400", "-1e400", "NaN", "Infinity", "0x10", "+1", " 1",
                    "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807",
                    "9223372036854775808", "-9223372036854775809", "99999999999999999999999999999999999999",
                    "0.000000000000000000000000000001", "1,5", ""),
            Arbitraries.integers().map(String::valueOf),
            Arbitraries.longs().map(String::valueOf));

    /** Anything at all where a value was: a value of another JSON type, or an odd one of its own. */
    private static Arbitrary<JsonNode> oddJson(JsonNode was) {
        List<Tuple.Tuple2<Integer, Arbitrary<JsonNode>>> choices = new ArrayList<>();
        choices.add(Tuple.of(2, WRONG_TYPES));
        if (was == null) {
            choices.add(Tuple.of(1, Arbitraries.just(null)));
        } else if (was.isTextual()) {
            choices.add(Tuple.of(5, ODD_TEXT.map(NODES::textNode)));
            if (was.asText().matches("\\d{4}-\\d{2}.*")) {
                choices.add(Tuple.of(6, ODD_DATES.map(NODES::textNode)));
            }
            choices.add(Tuple.of(1, ODD_NUMBERS.map(NODES::textNode)));
        } else if (was.isNumber()) {
            choices.add(Tuple.of(5, ODD_NUMBER_NODES));
        } else if (was.isArray()) {
            choices.add(Tuple.of(3, Arbitraries.of(0, 1, 2, 3).map(kind -> switch (kind) {
                case 0 -> NODES.arrayNode();
                case 1 -> NODES.arrayNode().add(NODES.nullNode());
                case 2 -> repeated(was, 501);
                default -> repeated(was, 3);
            })));
            if (was.size() > 0) {
                choices.add(Tuple.of(3, oddJson(was.get(0)).map(odd -> NODES.arrayNode().add(odd))));
            }
        } else if (was.isObject()) {
            choices.add(Tuple.of(3, Arbitraries.of(0, 1, 2).map(kind -> switch (kind) {
                case 0 -> NODES.objectNode();
                case 1 -> ((ObjectNode) was.deepCopy()).put("unknownField", 1);
                default -> ((ObjectNode) was.deepCopy()).put("\u0000", "x");
            })));
        }
        // A field left out altogether.
        choices.add(Tuple.of(2, Arbitraries.just(MissingMarker.NODE)));
        return Arbitraries.frequencyOf(choices);
    }

    private static final Arbitrary<JsonNode> WRONG_TYPES = Arbitraries.of(0, 1, 2, 3, 4, 5, 6).map(kind -> switch (kind) {
        case 0 -> NODES.nullNode();
        case 1 -> NODES.textNode("x");
        case 2 -> NODES.numberNode(0);
        case 3 -> NODES.booleanNode(true);
        case 4 -> NODES.arrayNode();
        case 5 -> NODES.objectNode();
        default -> NODES.numberNode(new BigDecimal("1.5"));
    });

    private static final Arbitrary<JsonNode> ODD_NUMBER_NODES = Arbitraries.oneOf(
            Arbitraries.of(0L, -1L, 1L, (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE, Integer.MAX_VALUE + 1L,
                    Long.MAX_VALUE, Long.MIN_VALUE).map(n -> (JsonNode) NODES.numberNode(n)),
            Arbitraries.of("1e400", "-1e400", "99999999999999999999999999999999999999", "0.000000000000000000000001",
                    "1.5", "-0.5", "1E+2147483647").map(n -> (JsonNode) NODES.numberNode(new BigDecimal(n))),
            Arbitraries.of(new BigInteger("9".repeat(40)), new BigInteger("-" + "9".repeat(40))).map(n -> (JsonNode) NODES.numberNode(n)),
            Arbitraries.integers().map(n -> (JsonNode) NODES.numberNode(n)));

    private static final Arbitrary<JsonNode> ODD_JSON = Arbitraries.of(0, 1, 2, 3, 4, 5).map(kind -> switch (kind) {
        case 0 -> NODES.objectNode();
        case 1 -> NODES.nullNode();
        case 2 -> NODES.arrayNode();
        case 3 -> NODES.textNode("\u0000");
        case 4 -> NODES.numberNode(1);
        default -> NODES.objectNode().set("items", NODES.arrayNode().add(NODES.nullNode()).add(NODES.textNode("x")).add(NODES.objectNode()));
    });

    /** Stands for a field left out. */
    private static final class MissingMarker {
        static final JsonNode NODE = NODES.textNode("\u0000p2c-missing");
    }

    private static JsonNode repeated(JsonNode array, int times) {
        ArrayNode many = NODES.arrayNode();
        JsonNode element = array.size() > 0 ? array.get(0) : NODES.textNode("x");
        for (int i = 0; i < times; i++) {
            many.add(element);
        }
        return many;
    }

    /** Every place in a tree a value can be changed: a list of field names and indexes from the root. */
    private static void collect(JsonNode node, List<Object> path, List<List<Object>> places) {
        if (!path.isEmpty()) {
            places.add(List.copyOf(path));
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                path.add(field.getKey());
                collect(field.getValue(), path, places);
                path.remove(path.size() - 1);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                collect(node.get(i), path, places);
                path.remove(path.size() - 1);
            }
        }
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object step : path) {
            node = step instanceof Integer i ? node.get(i) : node.get((String) step);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static JsonNode replaced(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode copy = root.deepCopy();
        JsonNode parent = at(copy, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (parent == null) {
            return copy;
        }
        boolean missing = value == MissingMarker.NODE;
        if (parent instanceof ObjectNode object) {
            if (missing) {
                object.remove((String) last);
            } else {
                object.set((String) last, value);
            }
        } else if (parent instanceof ArrayNode array && last instanceof Integer i && i < array.size()) {
            if (missing) {
                array.remove(i);
            } else {
                array.set(i, value);
            }
        }
        return copy;
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception notJson) {
            return NODES.textNode(text);
        }
    }

    private static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

package org.p2c.support.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.p2c.support.api.PageRequest;
import org.p2c.support.api.UnknownQueryParameters;
import org.p2c.support.api.Versions;
import org.p2c.support.money.Money;
import org.p2c.support.money.ReferenceRates;
import org.p2c.support.problem.ConcurrentChange;
import org.p2c.support.problem.Outage;
import org.p2c.support.problem.Problem;
import org.p2c.support.problem.ProblemException;
import org.p2c.support.problem.ProblemMappers;
import org.p2c.support.views.UnknownReference;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example of an error answer, for its status code on one operation: the problem the service answers for that code,
 * built by the very code that answers it (the problem mappers, {@link ProblemException}'s factories, {@link Versions},
 * {@link ConcurrentChange}), so that its {@code status} is the code and its type, title and detail read as the real
 * answer. What varies by operation comes from the operation: its path (the {@code instance}), the field of its body or
 * the query parameter a 400 or 422 names, the kind of field a 422 is about.
 */
final class ProblemExamples {

    /** A version and ids to fill in examples with. */
    static final long VERSION = 3;
    static final String ID = "8d1e5f4a-2b7c-4e9a-9f3d-6c2a1b0e7d55";
    static final String INCIDENT = "0f6c2a9e-51d3-4b7a-8e2f-93c4d1a7b605";
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    private ProblemExamples() {
    }

    /** The problems the operation answers for {@code code} for reasons every operation shares. */
    static List<Problem> forStatus(String code, String path, Operation operation, OpenAPI api) {
        String instance = instance(path, operation);
        return switch (code) {
            case "400" -> List.of(invalidInput(instance, operation, api));
            case "401" -> List.of(ProblemMappers.notSignedIn(instance));
            case "403" -> List.of(ProblemMappers.forbidden(instance));
            case "404" -> List.of(ProblemException.notFound(absent(path, operation)).toProblem(instance));
            case "409" -> List.of(ConcurrentChange.lost(false).toProblem(instance));
            case "412" -> List.of(Versions.stale(VERSION).toProblem(instance));
            case "422" -> unprocessable(instance, operation, api);
            case "428" -> List.of(Versions.missing().toProblem(instance));
            case "500" -> List.of(ProblemMappers.incident(INCIDENT, TRACE, instance));
            case "503" -> List.of(Outage.unavailable().toProblem(instance));
            default -> List.of(ProblemMappers.ofStatus(Integer.parseInt(code), instance));
        };
    }

    /**
     * A 422 as the body's fields draw it: an amount (service-support's Money) the reference rates cannot value, an id
     * of another service's aggregate ({@code pledgerEntityId}, {@code pledgeId}) that the service's view does not know;
     * else a field that breaks one of the operation's rules.
     */
    private static List<Problem> unprocessable(String instance, Operation operation, OpenAPI api) {
        Map<String, Schema> fields = new LinkedHashMap<>();
        fieldsOf(bodySchema(operation, api), "", api, 2, fields);
        List<Problem> problems = new ArrayList<>();
        fields.entrySet().stream().filter(f -> refersTo(f.getValue(), "Money") || refersTo(f.getValue(), "MoneyWithUsd"))
                .findFirst().ifPresent(f -> problems.add(noRate(f.getKey()).toProblem(instance)));
        fields.entrySet().stream().filter(f -> f.getKey().matches("(.*\\.)?[a-z][A-Za-z]*Id") && refersTo(f.getValue(), "UUID"))
                .findFirst().ifPresent(f -> problems.add(UnknownReference.inBody(f.getKey(), referenced(f.getKey()),
                        () -> false).toProblem(instance)));
        if (problems.isEmpty()) {
            problems.add(ProblemException.invalidField(422, field(operation, api).name(),
                    "does not hold with the rest of the request or with what the platform holds").toProblem(instance));
        }
        return problems;
    }

    /** What service-support's reference rates answer for an amount valued at a date no table covers. */
    private static ProblemException noRate(String field) {
        try {
            new ReferenceRates().normalise(new Money(new BigDecimal("1000.00"), "EUR", LocalDate.of(1900, 1, 1)), field);
        } catch (ProblemException refused) {
            return refused;
        }
        throw new IllegalStateException("The reference rates value an amount of 1900");
    }

    /** "pledgerEntityId" names a pledger entity. */
    private static String referenced(String field) {
        String name = field.substring(field.lastIndexOf('.') + 1);
        return name.substring(0, name.length() - 2).replaceAll("([A-Z])", " $1").toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean refersTo(Schema schema, String name) {
        return schema.getRef() != null && schema.getRef().endsWith("/" + name);
    }

    /** The body's fields by their path ({@code content.financialValue}), down to {@code depth} objects deep. */
    private static void fieldsOf(Schema schema, String prefix, OpenAPI api, int depth, Map<String, Schema> fields) {
        if (schema == null || schema.getProperties() == null || depth == 0) {
            return;
        }
        schema.getProperties().forEach((name, property) -> {
            fields.put(prefix + name, property);
            if (property.getRef() != null && !refersTo(property, "Money") && !refersTo(property, "MoneyWithUsd")) {
                fieldsOf(resolve(property, api), prefix + name + ".", api, depth - 1, fields);
            }
        });
    }

    private static Schema resolve(Schema schema, OpenAPI api) {
        if (schema == null || schema.getRef() == null || api.getComponents() == null
                || api.getComponents().getSchemas() == null) {
            return schema;
        }
        return api.getComponents().getSchemas().get(schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1));
    }

    /** Adds {@code problem} to the answer's examples under its type's slug. */
    static void show(MediaType media, Problem problem) {
        String type = problem.type().toString();
        Example example = OASFactory.createExample().summary(problem.title()).value(json(problem));
        media.addExample(type.substring(type.lastIndexOf('/') + 1), example);
    }

    static boolean shown(MediaType media) {
        return media.getExample() != null || media.getExamples() != null && !media.getExamples().isEmpty();
    }

    /** The problem as its JSON shows it (empty fields left out, as Problem's {@code @JsonInclude} has it). */
    static Map<String, Object> json(Problem problem) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", problem.type().toString());
        json.put("title", problem.title());
        json.put("status", problem.status());
        json.put("detail", problem.detail());
        if (problem.instance() != null) {
            json.put("instance", problem.instance());
        }
        if (problem.violations() != null && !problem.violations().isEmpty()) {
            List<Map<String, Object>> violations = new ArrayList<>();
            for (Problem.Violation violation : problem.violations()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("field", violation.field());
                one.put("message", violation.message());
                violations.add(one);
            }
            json.put("violations", violations);
        }
        return json;
    }

    /** A body field bean validation refuses, else a page size out of range, else a parameter the operation does not take. */
    private static Problem invalidInput(String instance, Operation operation, OpenAPI api) {
        Field field = field(operation, api);
        if (field.inBody()) {
            return ProblemMappers.invalidFields(List.of(new Problem.Violation(field.name(),
                    field.text() ? "must not be blank" : "must not be null")), instance);
        }
        List<String> query = queryParameters(operation);
        if (query.contains("size")) {
            return ProblemException.invalidField(400, "size", "must be between 1 and " + PageRequest.MAX_SIZE)
                    .toProblem(instance);
        }
        Problem.Violation undeclared = UnknownQueryParameters.notTaken("colour", UnknownQueryParameters.takes(query));
        return ProblemException.invalidField(400, undeclared.field(), undeclared.message()).toProblem(instance);
    }

    /** A field a problem about the request names: the body's first required one (else first), else a query parameter. */
    record Field(String name, boolean inBody, boolean text) {
    }

    static Field field(Operation operation, OpenAPI api) {
        Schema body = bodySchema(operation, api);
        if (body != null && body.getProperties() != null && !body.getProperties().isEmpty()) {
            String name = body.getRequired() != null && !body.getRequired().isEmpty()
                    ? body.getRequired().get(0) : body.getProperties().keySet().iterator().next();
            Schema property = body.getProperties().get(name);
            boolean text = property != null && property.getType() != null
                    && property.getType().contains(Schema.SchemaType.STRING);
            return new Field(name, true, text);
        }
        List<String> query = queryParameters(operation);
        return new Field(query.isEmpty() ? "body" : query.get(0), false, false);
    }

    private static Schema bodySchema(Operation operation, OpenAPI api) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null
                || operation.getRequestBody().getContent().getMediaTypes() == null) {
            return null;
        }
        for (MediaType media : operation.getRequestBody().getContent().getMediaTypes().values()) {
            Schema schema = resolve(media.getSchema(), api);
            if (schema != null) {
                return schema;
            }
        }
        return null;
    }

    private static List<String> queryParameters(Operation operation) {
        return operation.getParameters() == null ? List.of() : operation.getParameters().stream()
                .filter(p -> p.getIn() == Parameter.In.QUERY).map(Parameter::getName).toList();
    }

    /** The path as a caller sends it: each path parameter by its example, an id for a UUID. */
    static String instance(String path, Operation operation) {
        Matcher parameter = PATH_PARAMETER.matcher(path);
        StringBuilder filled = new StringBuilder();
        while (parameter.find()) {
            parameter.appendReplacement(filled, Matcher.quoteReplacement(exampleOf(parameter.group(1), operation)));
        }
        parameter.appendTail(filled);
        return filled.toString();
    }

    private static String exampleOf(String name, Operation operation) {
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                if (parameter.getIn() == Parameter.In.PATH && name.equals(parameter.getName())) {
                    if (parameter.getExample() != null) {
                        return String.valueOf(parameter.getExample());
                    }
                    Schema schema = parameter.getSchema();
                    if (schema != null && schema.getExamples() != null && !schema.getExamples().isEmpty()) {
                        return String.valueOf(schema.getExamples().get(0));
                    }
                }
            }
        }
        return ID;
    }

    /** What a 404 says is absent: the resource the path names last, by its id ("Pledge 8d1e…"). */
    private static String absent(String path, Operation operation) {
        String[] segments = path.split("/");
        for (int i = segments.length - 1; i > 0; i--) {
            Matcher parameter = PATH_PARAMETER.matcher(segments[i]);
            if (parameter.matches() && !segments[i - 1].startsWith("{")) {
                return singular(segments[i - 1]) + " " + exampleOf(parameter.group(1), operation);
            }
        }
        return "The resource";
    }

    private static String singular(String segment) {
        String words = segment.replace('-', ' ');
        if (words.endsWith("ies")) {
            words = words.substring(0, words.length() - 3) + "y";
        } else if (words.endsWith("s")) {
            words = words.substring(0, words.length() - 1);
        }
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}

package org.p2c.support.openapi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.RecordComponentInfo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an answer always holds and what it may hold null, written into the service's API document so that a client
 * generated from it can trust its types:
 * <ul>
 *   <li>a schema only answers use (reachable from a response, not from a request body or a parameter) requires every
 *   property the code always writes: Jackson writes every field, null included, unless the record says otherwise
 *   with {@code @JsonInclude}, and then a field left out when null (or, for {@code NON_EMPTY}, when empty) is
 *   optional instead;</li>
 *   <li>a property whose value may be null carries the null type ({@code type: [string, "null"]}, or
 *   {@code anyOf: [{$ref}, {type: "null"}]} for a reference); one that is left out when null does not;</li>
 *   <li>a schema that requests use too ({@code PledgeContent}, {@code Money}, …) keeps the {@code required} of its
 *   request (bean validation's {@code @NotNull}) and gets the null type where an answer may hold null; a schema only
 *   requests use is not touched.</li>
 * </ul>
 *
 * <p>Which fields may be null is said once, next to the field: {@code @Schema(nullable = true)} on the record
 * component. That is MicroProfile OpenAPI's own attribute, on the annotation every answer field documents itself
 * with already; SmallRye writes it as OpenAPI 3.1's null type, so this filter reads it from the document and needs no
 * name of any schema. ({@code @jakarta.annotation.Nullable} would say the same to a reader, but SmallRye ignores it,
 * and the document would need a second source of truth.) Only the records that leave fields out are looked up in
 * the index: a schema is theirs when its properties are exactly the record's JSON properties.
 *
 * <p>Whatever this cannot decide for sure stops the build: a record with an inclusion other than always, non-null or
 * non-empty, a schema whose properties match several such records (or one such record and another record), a field
 * required by a request yet marked nullable, or a null type in a shape it does not know.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class AnswerSchemas implements OASFilter {

    private static final String SCHEMAS = "#/components/schemas/";
    private static final DotName JSON_INCLUDE = DotName.createSimple(JsonInclude.class.getName());
    private static final DotName JSON_PROPERTY = DotName.createSimple(JsonProperty.class.getName());
    private static final DotName JSON_IGNORE = DotName.createSimple(JsonIgnore.class.getName());

    /** How Jackson writes a field: always (null included), left out when null, or left out when null or empty. */
    enum Inclusion { ALWAYS, NON_NULL, NON_EMPTY }

    /** A record's JSON properties, in order, with how each is written. */
    record Written(String record, Map<String, Inclusion> properties) {

        boolean leavesOut() {
            return properties.values().stream().anyMatch(i -> i != Inclusion.ALWAYS);
        }
    }

    /** The records of the index that leave some field out, and every record's JSON properties (to spot look-alikes). */
    private final List<Written> leavingOut;
    private final Map<Set<String>, List<Written>> recordsByProperties;

    /** SmallRye hands build-time filters the application's index. */
    public AnswerSchemas(IndexView index) {
        this(records(index));
    }

    AnswerSchemas(Collection<Written> records) {
        this.leavingOut = records.stream().filter(Written::leavesOut).toList();
        Map<Set<String>, List<Written>> byProperties = new LinkedHashMap<>();
        records.forEach(r -> byProperties.computeIfAbsent(r.properties().keySet(), k -> new ArrayList<>()).add(r));
        this.recordsByProperties = byProperties;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null || components.getSchemas() == null || openAPI.getPaths() == null
                || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Map<String, Schema> schemas = components.getSchemas();
        List<Schema> answerRoots = new ArrayList<>();
        List<Schema> requestRoots = new ArrayList<>();
        openAPI.getPaths().getPathItems().values().forEach(item -> {
            parameters(item.getParameters(), requestRoots);
            item.getOperations().values().forEach(operation -> roots(operation, answerRoots, requestRoots));
        });
        if (components.getResponses() != null) {
            components.getResponses().values().forEach(r -> content(r.getContent(), answerRoots));
        }
        if (components.getRequestBodies() != null) {
            components.getRequestBodies().values().forEach(b -> content(b.getContent(), requestRoots));
        }
        if (components.getParameters() != null) {
            parameters(new ArrayList<>(components.getParameters().values()), requestRoots);
        }
        Set<String> requested = reachable(requestRoots, schemas, null);
        List<Schema> inlineAnswers = new ArrayList<>();
        Set<String> answered = reachable(answerRoots, schemas, inlineAnswers);

        Map<String, Written> writtenBySchema = recordsOf(schemas, answered);
        answered.forEach(name -> {
            Schema schema = schemas.get(name);
            Written written = writtenBySchema.get(name);
            if (requested.contains(name)) {
                shared(name, schema, written);
            } else {
                answerOnly(name, schema, written);
            }
        });
        for (Schema inline : inlineAnswers) {
            answerOnly("an inline answer schema", inline, null);
        }
    }

    /** Every property the code always writes is required; one it may write as null carries the null type. */
    private static void answerOnly(String name, Schema schema, Written written) {
        if (schema.getProperties() == null || schema.getProperties().isEmpty()) {
            return;
        }
        Set<String> required = new LinkedHashSet<>();
        Set<String> declared = schema.getRequired() == null ? Set.of() : new LinkedHashSet<>(schema.getRequired());
        schema.getProperties().forEach((property, value) -> {
            boolean optional = Boolean.TRUE.equals(value.getWriteOnly()) || leftOut(name, property, value, written);
            if (optional && declared.contains(property)) {
                throw new IllegalStateException(name + "." + property + " is declared required but the code may leave "
                        + "it out of an answer (@JsonInclude or writeOnly)");
            }
            if (!optional) {
                required.add(property);
            }
        });
        schema.setRequired(List.copyOf(required));
    }

    /** A schema requests use too keeps their required fields; an answer may still hold null where it is marked. */
    private static void shared(String name, Schema schema, Written written) {
        if (schema.getProperties() == null) {
            return;
        }
        Set<String> required = schema.getRequired() == null ? Set.of() : Set.copyOf(schema.getRequired());
        schema.getProperties().forEach((property, value) -> {
            boolean nullable = nullable(name + "." + property, value);
            boolean leftOut = leftOut(name, property, value, written);
            if (required.contains(property) && (nullable || leftOut)) {
                throw new IllegalStateException(name + "." + property + " is required in requests (@NotNull) but marked "
                        + "nullable for answers: a schema shared by both cannot say both");
            }
        });
    }

    /**
     * Whether the code may leave {@code property} out of the answer; if so its null type goes (an absent field is
     * never null), otherwise a null type is put into the one shape clients read.
     */
    private static boolean leftOut(String name, String property, Schema value, Written written) {
        boolean nullable = nullable(name + "." + property, value);
        Inclusion inclusion = written == null ? Inclusion.ALWAYS : written.properties().get(property);
        if (inclusion == null) {
            throw new IllegalStateException(name + "." + property + " is not a JSON property of " + written.record());
        }
        boolean leftOut = switch (inclusion) {
            case ALWAYS -> false;
            case NON_NULL -> nullable;
            case NON_EMPTY -> nullable || canBeEmpty(value);
        };
        if (nullable && leftOut) {
            withoutNull(value);
        } else if (nullable) {
            withNull(value);
        }
        return leftOut;
    }

    /** Jackson's NON_EMPTY leaves out an empty string, list or map too, not only null. */
    private static boolean canBeEmpty(Schema value) {
        if (value.getRef() != null) {
            return false; // a record or an enum is never empty (and a UUID or a date, which are strings, is never "")
        }
        return is(value, SchemaType.STRING) || is(value, SchemaType.ARRAY)
                || is(value, SchemaType.OBJECT) && value.getProperties() == null;
    }

    /** The null type, as SmallRye writes {@code @Schema(nullable = true)}: in the type list, or as an anyOf branch. */
    static boolean nullable(String where, Schema value) {
        boolean inType = is(value, SchemaType.NULL);
        boolean inAnyOf = value.getAnyOf() != null && value.getAnyOf().stream().anyMatch(AnswerSchemas::isNull);
        if (value.getOneOf() != null && value.getOneOf().stream().anyMatch(AnswerSchemas::isNull)
                || value.getAllOf() != null && value.getAllOf().stream().anyMatch(AnswerSchemas::isNull)) {
            throw new IllegalStateException(where + ": a null type in oneOf or allOf; mark the field "
                    + "@Schema(nullable = true) instead");
        }
        if (inAnyOf && value.getAnyOf().stream().filter(s -> !isNull(s)).count() != 1) {
            throw new IllegalStateException(where + ": anyOf with null and several other branches");
        }
        return inType || inAnyOf;
    }

    /**
     * A nullable reference is {@code anyOf: [{$ref}, {type: "null"}]} and nothing else: SmallRye leaves the referenced
     * type beside it (type: object, say), which would refuse null after all.
     */
    private static void withNull(Schema value) {
        if (value.getAnyOf() != null) {
            value.setType(null);
        }
    }

    private static void withoutNull(Schema value) {
        if (value.getType() != null) {
            List<SchemaType> types = value.getType().stream().filter(t -> t != SchemaType.NULL).toList();
            value.setType(types.isEmpty() ? null : types);
        }
        if (value.getAnyOf() != null) {
            List<Schema> branches = value.getAnyOf().stream().filter(s -> !isNull(s)).toList();
            value.setAnyOf(null);
            Schema only = branches.get(0);
            if (only.getRef() != null) {
                value.setType(null);
                value.setRef(only.getRef());
            } else {
                value.setAnyOf(List.of(only));
            }
        }
    }

    private static boolean isNull(Schema schema) {
        return schema.getRef() == null && schema.getType() != null && schema.getType().equals(List.of(SchemaType.NULL));
    }

    private static boolean is(Schema schema, SchemaType type) {
        return schema.getType() != null && schema.getType().contains(type);
    }

    /**
     * The record behind each answer schema that some record leaving fields out could be: its properties are exactly
     * the record's. Two candidates, or a look-alike that writes every field, leave it undecided: the build stops.
     */
    private Map<String, Written> recordsOf(Map<String, Schema> schemas, Set<String> answered) {
        Map<String, Written> bySchema = new TreeMap<>();
        for (Written record : leavingOut) {
            List<String> matches = answered.stream()
                    .filter(name -> schemas.get(name).getProperties() != null
                            && schemas.get(name).getProperties().keySet().equals(record.properties().keySet()))
                    .sorted().toList();
            if (matches.size() > 1) {
                throw new IllegalStateException("Answer schemas " + matches + " all have the properties of "
                        + record.record() + ": which one leaves fields out is ambiguous");
            }
            if (matches.isEmpty()) {
                continue; // not in this document (an event, a class of another service)
            }
            List<Written> alike = recordsByProperties.getOrDefault(record.properties().keySet(), List.of()).stream()
                    .filter(other -> !other.properties().equals(record.properties())).toList();
            if (!alike.isEmpty()) {
                throw new IllegalStateException("Answer schema " + matches.get(0) + " has the properties of "
                        + record.record() + " and of " + alike.stream().map(Written::record).toList()
                        + ", which write them differently: ambiguous");
            }
            Written earlier = bySchema.put(matches.get(0), record);
            if (earlier != null && !earlier.properties().equals(record.properties())) {
                throw new IllegalStateException("Answer schema " + matches.get(0) + " has the properties of "
                        + earlier.record() + " and of " + record.record() + ", which write them differently: ambiguous");
            }
        }
        return bySchema;
    }

    private static void roots(Operation operation, List<Schema> answers, List<Schema> requests) {
        parameters(operation.getParameters(), requests);
        if (operation.getRequestBody() != null) {
            content(operation.getRequestBody().getContent(), requests);
        }
        if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
            for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
                content(response.getContent(), answers);
            }
        }
    }

    private static void parameters(List<Parameter> parameters, List<Schema> roots) {
        if (parameters == null) {
            return;
        }
        for (Parameter parameter : parameters) {
            if (parameter.getSchema() != null) {
                roots.add(parameter.getSchema());
            }
            content(parameter.getContent(), roots);
        }
    }

    private static void content(Content content, List<Schema> roots) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().stream().map(m -> m.getSchema()).filter(Objects::nonNull).forEach(roots::add);
        }
    }

    /**
     * The component schemas reachable from {@code roots}; inline object schemas met on the way outside any component
     * (a response's own object) go to {@code inline}, when given.
     */
    private static Set<String> reachable(List<Schema> roots, Map<String, Schema> schemas, List<Schema> inline) {
        Set<String> reached = new LinkedHashSet<>();
        Map<Schema, Boolean> seen = new IdentityHashMap<>();
        Deque<Schema> outside = new ArrayDeque<>(roots);
        Deque<Schema> inComponents = new ArrayDeque<>();
        while (!outside.isEmpty() || !inComponents.isEmpty()) {
            boolean isOutside = !outside.isEmpty();
            Schema schema = isOutside ? outside.pop() : inComponents.pop();
            if (seen.put(schema, Boolean.TRUE) != null) {
                continue;
            }
            if (isOutside && inline != null && schema.getProperties() != null) {
                inline.add(schema);
            }
            String ref = schema.getRef();
            if (ref != null && ref.startsWith(SCHEMAS)) {
                String name = ref.substring(SCHEMAS.length());
                Schema target = schemas.get(name);
                if (target == null) {
                    throw new IllegalStateException("A schema refers to " + ref + ", which the document does not define");
                }
                if (reached.add(name)) {
                    inComponents.push(target);
                }
            }
            (isOutside ? outside : inComponents).addAll(children(schema));
        }
        return reached;
    }

    private static List<Schema> children(Schema schema) {
        List<Schema> children = new ArrayList<>();
        if (schema.getProperties() != null) {
            children.addAll(schema.getProperties().values());
        }
        for (Schema one : new Schema[]{schema.getItems(), schema.getAdditionalPropertiesSchema(), schema.getNot(),
                schema.getContains(), schema.getIfSchema(), schema.getThenSchema(), schema.getElseSchema(),
                schema.getPropertyNames(), schema.getUnevaluatedItems(), schema.getUnevaluatedProperties()}) {
            if (one != null) {
                children.add(one);
            }
        }
        for (List<Schema> many : List.of(nonNull(schema.getAllOf()), nonNull(schema.getAnyOf()),
                nonNull(schema.getOneOf()), nonNull(schema.getPrefixItems()))) {
            children.addAll(many);
        }
        if (schema.getPatternProperties() != null) {
            children.addAll(schema.getPatternProperties().values());
        }
        if (schema.getDependentSchemas() != null) {
            children.addAll(schema.getDependentSchemas().values());
        }
        return children;
    }

    private static List<Schema> nonNull(List<Schema> list) {
        return list == null ? List.of() : list;
    }

    /** Every record of the index with its JSON properties and how Jackson writes each. */
    static List<Written> records(IndexView index) {
        List<Written> records = new ArrayList<>();
        for (ClassInfo type : index.getKnownClasses()) {
            if (type.isRecord()) {
                records.add(written(type));
            }
        }
        for (AnnotationInstance include : index.getAnnotations(JSON_INCLUDE)) {
            AnnotationTarget target = include.target();
            ClassInfo owner = target.kind() == AnnotationTarget.Kind.CLASS ? target.asClass()
                    : target.kind() == AnnotationTarget.Kind.FIELD ? target.asField().declaringClass()
                    : target.kind() == AnnotationTarget.Kind.METHOD ? target.asMethod().declaringClass()
                    : target.kind() == AnnotationTarget.Kind.METHOD_PARAMETER ? target.asMethodParameter().method().declaringClass()
                    : null;
            if (owner != null && !owner.isRecord() && !owner.isAnnotation()) {
                throw new IllegalStateException(owner.name() + " has @JsonInclude but is not a record: AnswerSchemas "
                        + "reads the JSON properties of records only");
            }
        }
        return records;
    }

    private static Written written(ClassInfo record) {
        Inclusion ofClass = inclusion(record.name().toString(), record.declaredAnnotation(JSON_INCLUDE), Inclusion.ALWAYS);
        Map<String, Inclusion> properties = new LinkedHashMap<>();
        for (RecordComponentInfo component : record.recordComponents()) {
            FieldInfo field = record.field(component.name());
            if (annotation(component, field, JSON_IGNORE) != null) {
                continue;
            }
            AnnotationInstance renamed = annotation(component, field, JSON_PROPERTY);
            String name = renamed != null && renamed.value() != null && !renamed.value().asString().isEmpty()
                    ? renamed.value().asString() : component.name();
            properties.put(name, inclusion(record.name() + "." + component.name(),
                    annotation(component, field, JSON_INCLUDE), ofClass));
        }
        return new Written(record.name().toString(), properties);
    }

    private static AnnotationInstance annotation(RecordComponentInfo component, FieldInfo field, DotName name) {
        AnnotationInstance on = component.declaredAnnotation(name);
        if (on == null && field != null) {
            on = field.declaredAnnotation(name);
        }
        if (on == null && component.accessor() != null) {
            on = component.accessor().declaredAnnotation(name);
        }
        return on;
    }

    private static Inclusion inclusion(String where, AnnotationInstance include, Inclusion otherwise) {
        if (include == null) {
            return otherwise;
        }
        AnnotationValue value = include.value();
        if (include.value("content") != null) {
            throw new IllegalStateException(where + ": @JsonInclude(content = ...) is not read by AnswerSchemas");
        }
        String name = value == null ? JsonInclude.Include.ALWAYS.name() : value.asEnum();
        return switch (name) {
            case "ALWAYS" -> Inclusion.ALWAYS;
            case "USE_DEFAULTS" -> otherwise;
            case "NON_NULL", "NON_ABSENT" -> Inclusion.NON_NULL;
            case "NON_EMPTY" -> Inclusion.NON_EMPTY;
            default -> throw new IllegalStateException(where + ": @JsonInclude(" + name + ") leaves out values the "
                    + "document cannot name (defaults, or a custom filter); use NON_NULL or NON_EMPTY");
        };
    }
}

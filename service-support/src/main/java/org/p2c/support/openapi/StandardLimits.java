package org.p2c.support.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.p2c.support.api.PageRequest;
import org.p2c.support.api.ParameterLimits;
import org.p2c.support.problem.Problem;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The limits every operation's parameters share, written into the service's API document from the code that enforces
 * them, so a client can check a call before sending it and trust the answer it would get:
 * <ul>
 *   <li>{@link ParameterLimits}: a query parameter repeated at most {@value ParameterLimits#MAX_VALUES} times, a text
 *   value of at most {@value ParameterLimits#MAX_LENGTH} characters (unless the operation states a tighter one, or
 *   the value is an enum or a UUID or date the service parses), and the 400 that answers more;</li>
 *   <li>{@link PageRequest}: {@code page} from 0 (page × size at most {@value PageRequest#MAX_OFFSET}), {@code size}
 *   from 1 to {@value PageRequest#MAX_SIZE};</li>
 *   <li>service-support's {@code QueryParameters} reads a whole number as a Java int or long, so any other integer
 *   parameter lies within its format's range (a larger one is a 400).</li>
 * </ul>
 * Limits that belong to one operation (a tighter maxLength, say) stay on its annotations; this only fills in what is
 * absent. Request bodies are limited by the bean-validation constraints of their records.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class StandardLimits implements OASFilter {

    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";
    /** Strings the service parses into a value of its own size; their text is not what is limited. */
    private static final Set<String> PARSED_FORMATS = Set.of("uuid", "date", "date-time");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            List<Parameter> shared = item.getParameters() == null ? List.of() : item.getParameters();
            shared.forEach(StandardLimits::limit);
            item.getOperations().values().forEach(operation -> {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(StandardLimits::limit);
                }
                answerOverLimits(path, operation, openAPI);
            });
        });
    }

    /** Any call may carry a query string, and ParameterLimits answers one over the limits with a 400. */
    private static void answerOverLimits(String path, Operation operation, OpenAPI api) {
        if (operation.getResponses() == null || operation.getResponses().hasAPIResponse("400")) {
            return;
        }
        MediaType problem = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA));
        String instance = ProblemExamples.instance(path, operation);
        Optional<String> parameter = operation.getParameters() == null ? Optional.empty() : operation.getParameters()
                .stream().filter(p -> p.getIn() == Parameter.In.QUERY || p.getIn() == Parameter.In.PATH)
                .map(Parameter::getName).findFirst();
        parameter.map(name -> List.of(ParameterLimits.tooLong(name).toProblemException().toProblem(instance)))
                .orElseGet(() -> ProblemExamples.forStatus("400", path, operation, api))
                .forEach(example -> ProblemExamples.show(problem, example));
        operation.getResponses().addAPIResponse("400", OASFactory.createAPIResponse()
                .description("A parameter over the platform's limits: a query parameter given more than "
                        + ParameterLimits.MAX_VALUES + " times, or a value longer than " + ParameterLimits.MAX_LENGTH
                        + " characters; violations name it")
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, problem)));
    }

    private static void limit(Parameter parameter) {
        Schema schema = parameter.getSchema();
        if (schema == null || schema.getRef() != null || parameter.getIn() == null
                || parameter.getIn() == Parameter.In.COOKIE) {
            return; // a referenced schema is a component of its own (an enum, a UUID), limited where it is defined
        }
        if (is(schema, Schema.SchemaType.ARRAY)) {
            if (parameter.getIn() == Parameter.In.QUERY && schema.getMaxItems() == null) {
                schema.setMaxItems(ParameterLimits.MAX_VALUES);
            }
            if (schema.getItems() != null && schema.getItems().getRef() == null) {
                limitValue(parameter.getName(), schema.getItems());
            }
        } else {
            limitValue(parameter.getName(), schema);
        }
    }

    private static void limitValue(String name, Schema schema) {
        if (is(schema, Schema.SchemaType.STRING)) {
            if (schema.getMaxLength() == null && schema.getEnumeration() == null && schema.getConstValue() == null
                    && (schema.getFormat() == null || !PARSED_FORMATS.contains(schema.getFormat()))) {
                schema.setMaxLength(ParameterLimits.MAX_LENGTH);
            }
        } else if (is(schema, Schema.SchemaType.INTEGER)) {
            long min = "int64".equals(schema.getFormat()) ? Long.MIN_VALUE : Integer.MIN_VALUE;
            long max = "int64".equals(schema.getFormat()) ? Long.MAX_VALUE : Integer.MAX_VALUE;
            if ("page".equals(name)) {
                min = 0;
                max = PageRequest.MAX_OFFSET; // with size 1; page × size at most that

            } else if ("size".equals(name)) {
                min = 1;
                max = PageRequest.MAX_SIZE;
            }
            if (schema.getMinimum() == null && schema.getExclusiveMinimum() == null) {
                schema.setMinimum(BigDecimal.valueOf(min));
            }
            if (schema.getMaximum() == null && schema.getExclusiveMaximum() == null) {
                schema.setMaximum(BigDecimal.valueOf(max));
            }
        }
    }

    private static boolean is(Schema schema, Schema.SchemaType type) {
        return schema.getType() != null && schema.getType().contains(type);
    }
}

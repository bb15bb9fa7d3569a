package org.p2c.support.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.junit.jupiter.api.Test;
import org.p2c.support.api.PageRequest;
import org.p2c.support.api.ParameterLimits;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StandardLimitsTest {

    private final StandardLimits limits = new StandardLimits();

    @Test
    void aRepeatedQueryParameterAndItsTextValuesCarryTheLimitsParameterLimitsEnforces() {
        Operation search = operation(
                query("country", array(string())),
                query("q", string()),
                path("alpha3", string()),
                header("If-Match", string()));

        limits.filterOpenAPI(document(search));

        Schema country = schemaOf(search, "country");
        assertThat(country.getMaxItems()).isEqualTo(ParameterLimits.MAX_VALUES);
        assertThat(country.getItems().getMaxLength()).isEqualTo(ParameterLimits.MAX_LENGTH);
        for (String name : List.of("q", "alpha3", "If-Match")) {
            assertThat(schemaOf(search, name).getMaxLength()).as(name).isEqualTo(ParameterLimits.MAX_LENGTH);
        }
    }

    @Test
    void whatTheOperationStatesItselfOrWhatIsParsedIsLeftAsItIs() {
        Operation search = operation(
                query("code", string().maxLength(64)),
                query("state", array(string().enumeration(List.of("DUE", "OVERDUE"))).maxItems(3)),
                query("asOf", string().format("date")),
                query("entityId", string().format("uuid")),
                query("region", OASFactory.createSchema().ref("#/components/schemas/ItuRegion")));

        limits.filterOpenAPI(document(search));

        assertThat(schemaOf(search, "code").getMaxLength()).isEqualTo(64);
        assertThat(schemaOf(search, "state").getMaxItems()).isEqualTo(3);
        assertThat(schemaOf(search, "state").getItems().getMaxLength()).isNull();
        assertThat(schemaOf(search, "asOf").getMaxLength()).isNull();
        assertThat(schemaOf(search, "entityId").getMaxLength()).isNull();
        assertThat(schemaOf(search, "region").getMaxLength()).isNull();
        assertThat(schemaOf(search, "region").getType()).isNull();
    }

    @Test
    void pagingFollowsPageRequestAndOtherWholeNumbersTheRangeTheyAreReadIn() {
        Operation list = operation(
                query("page", integer("int32")),
                query("size", integer("int32")),
                query("endYear", integer("int32")),
                query("sdg", array(integer("int32"))),
                query("since", integer("int64")),
                query("percent", integer("int32").minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(100))));

        limits.filterOpenAPI(document(list));

        assertRange(schemaOf(list, "page"), 0, PageRequest.MAX_OFFSET);
        assertRange(schemaOf(list, "size"), 1, PageRequest.MAX_SIZE);
        assertRange(schemaOf(list, "endYear"), Integer.MIN_VALUE, Integer.MAX_VALUE);
        assertRange(schemaOf(list, "sdg").getItems(), Integer.MIN_VALUE, Integer.MAX_VALUE);
        assertRange(schemaOf(list, "since"), Long.MIN_VALUE, Long.MAX_VALUE);
        assertRange(schemaOf(list, "percent"), 0, 100);
    }

    @Test
    void everyOperationAnswersAParameterOverTheLimitsWithA400ProblemUnlessItDescribesItsOwn() {
        Operation plain = operation();
        Operation own = operation();
        own.getResponses().addAPIResponse("400", OASFactory.createAPIResponse().description("ituRegion is unknown"));

        limits.filterOpenAPI(document(plain, own));

        var answer = plain.getResponses().getAPIResponse("400");
        assertThat(answer.getDescription()).contains(String.valueOf(ParameterLimits.MAX_VALUES))
                .contains(String.valueOf(ParameterLimits.MAX_LENGTH));
        assertThat(answer.getContent().getMediaType("application/problem+json").getSchema().getRef())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(own.getResponses().getAPIResponse("400").getDescription()).isEqualTo("ituRegion is unknown");
    }

    private static void assertRange(Schema schema, long min, long max) {
        assertThat(schema.getMinimum()).isEqualByComparingTo(BigDecimal.valueOf(min));
        assertThat(schema.getMaximum()).isEqualByComparingTo(BigDecimal.valueOf(max));
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(SchemaType.STRING);
    }

    private static Schema integer(String format) {
        return OASFactory.createSchema().addType(SchemaType.INTEGER).format(format);
    }

    private static Schema array(Schema items) {
        return OASFactory.createSchema().addType(SchemaType.ARRAY).items(items);
    }

    private static Parameter query(String name, Schema schema) {
        return OASFactory.createParameter().name(name).in(Parameter.In.QUERY).schema(schema);
    }

    private static Parameter path(String name, Schema schema) {
        return OASFactory.createParameter().name(name).in(Parameter.In.PATH).schema(schema);
    }

    private static Parameter header(String name, Schema schema) {
        return OASFactory.createParameter().name(name).in(Parameter.In.HEADER).schema(schema);
    }

    private static Operation operation(Parameter... parameters) {
        var operation = OASFactory.createOperation()
                .responses(OASFactory.createAPIResponses().addAPIResponse("200", OASFactory.createAPIResponse().description("OK")));
        for (Parameter parameter : parameters) {
            operation.addParameter(parameter);
        }
        return operation;
    }

    private static OpenAPI document(Operation... operations) {
        var paths = OASFactory.createPaths();
        for (int i = 0; i < operations.length; i++) {
            paths.addPathItem("/op" + i, OASFactory.createPathItem().GET(operations[i]));
        }
        return OASFactory.createOpenAPI().paths(paths);
    }

    private static Schema schemaOf(Operation operation, String name) {
        return operation.getParameters().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow().getSchema();
    }
}

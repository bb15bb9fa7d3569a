package org.p2c.support.api;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import org.junit.jupiter.api.Test;
import org.p2c.support.problem.InvalidParameter;
import org.p2c.support.problem.Problem;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class QueryParametersTest {

    enum Region { AFRICA, ASIA_PACIFIC }

    @SuppressWarnings("unused")
    static class Explorer {
        public void explore(@QueryParam("region") List<Region> regions, @QueryParam("country") @Codes.Country List<String> countries,
                            @QueryParam("from") YearMonth from, @QueryParam("q") String q) {
        }
    }

    private final QueryParameters parameters = new QueryParameters();

    @SuppressWarnings("unchecked")
    private <T> ParamConverter<T> converter(String name, Class<T> elementType) {
        Method explore = Arrays.stream(Explorer.class.getDeclaredMethods()).filter(m -> m.getName().equals("explore")).findFirst().orElseThrow();
        Parameter parameter = Arrays.stream(explore.getParameters())
                .filter(p -> p.getAnnotation(QueryParam.class).value().equals(name)).findFirst().orElseThrow();
        return parameters.getConverter(elementType, elementType, parameter.getAnnotations());
    }

    private static Problem.Violation refusal(Runnable reading) {
        InvalidParameter refused = catchThrowableOfType(InvalidParameter.class, reading::run);
        return refused.toProblemException().toProblem(null).violations().get(0);
    }

    @Test
    void anEnumValueIsReadInAnyCase() {
        ParamConverter<Region> region = converter("region", Region.class);

        assertThat(region.fromString("asia_pacific")).isEqualTo(Region.ASIA_PACIFIC);
        assertThat(region.fromString("Africa")).isEqualTo(Region.AFRICA);
        assertThat(region.fromString("ASIA_PACIFIC")).isEqualTo(Region.ASIA_PACIFIC);
    }

    @Test
    void anUnknownEnumValueIsA400NamingTheParameterAndItsValues() {
        ParamConverter<Region> region = converter("region", Region.class);

        assertThat(refusal(() -> region.fromString("MARS")))
                .isEqualTo(new Problem.Violation("region", "must be one of AFRICA, ASIA_PACIFIC"));
    }

    @Test
    void aCountryCodeIsReadInUpperCaseAndMustBeThreeLetters() {
        ParamConverter<String> country = converter("country", String.class);

        assertThat(country.fromString("khm")).isEqualTo("KHM");
        assertThat(country.fromString("Khm")).isEqualTo("KHM");
        assertThat(refusal(() -> country.fromString("kh")))
                .isEqualTo(new Problem.Violation("country", "must be an ISO 3166-1 alpha-3 code"));
        assertThat(refusal(() -> country.fromString("K1M")).field()).isEqualTo("country");
    }

    @Test
    void aPlainStringIsLeftAsTyped() {
        assertThat(converter("q", String.class)).isNull();
    }

    @Test
    void aMonthIsReadAsYyyyMm() {
        ParamConverter<YearMonth> from = converter("from", YearMonth.class);

        assertThat(from.fromString("2024-07")).isEqualTo(YearMonth.of(2024, 7));
        assertThat(refusal(() -> from.fromString("2024-13"))).isEqualTo(new Problem.Violation("from", "must be a month between 1900-01 and 9999-12 (YYYY-MM)"));
    }

    @Test
    void aPathSegmentIsReadAsAnEnumValueIsWithTheSameWording() {
        assertThat(QueryParameters.read(Region.class, "asia_pacific", "region")).isEqualTo(Region.ASIA_PACIFIC);
        assertThat(refusal(() -> QueryParameters.read(Region.class, "ATLANTIS", "region")))
                .isEqualTo(new Problem.Violation("region", "must be one of AFRICA, ASIA_PACIFIC"));
    }
}

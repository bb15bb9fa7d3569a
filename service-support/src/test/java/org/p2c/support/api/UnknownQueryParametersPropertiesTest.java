package org.p2c.support.api;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.p2c.support.problem.Problem;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule over any operation and any query: refused are exactly the undeclared names and the repeated single ones. */
class UnknownQueryParametersPropertiesTest {

    /** Short names over three letters, so that declared and given names often meet. */
    @Property
    void refusedAreExactlyTheUndeclaredNamesAndTheSingleOnesGivenMoreThanOnce(
            @ForAll @Size(max = 4) Set<@StringLength(min = 1, max = 2) @CharRange(from = 'a', to = 'c') String> single,
            @ForAll @Size(max = 4) Set<@StringLength(min = 1, max = 2) @CharRange(from = 'a', to = 'c') String> repeatable,
            @ForAll @Size(max = 6) Map<@StringLength(min = 1, max = 2) @CharRange(from = 'a', to = 'c') String, @IntRange(min = 1, max = 3) Integer> given) {
        var declared = new UnknownQueryParameters.Declared(single, repeatable, false);
        Map<String, List<String>> query = new LinkedHashMap<>();
        given.forEach((name, times) -> query.put(name, Collections.nCopies(times, "v")));

        List<Problem.Violation> refusals = declared.refusals(query);

        Set<String> expected = new HashSet<>();
        given.forEach((name, times) -> {
            boolean known = single.contains(name) || repeatable.contains(name);
            if (!known || (!repeatable.contains(name) && times > 1)) {
                expected.add(name);
            }
        });
        assertThat(refusals).extracting(Problem.Violation::field).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(refusals).extracting(Problem.Violation::field).isSorted();
        Set<String> all = new HashSet<>(single);
        all.addAll(repeatable);
        refusals.stream().filter(r -> !all.contains(r.field())).forEach(r -> assertThat(r.message())
                .startsWith("is not a parameter of this operation; ")
                .endsWith(all.isEmpty() ? "it takes none" : all.stream().sorted().collect(Collectors.joining(", "))));
    }

    @Property
    void anOperationTakingAMapOfEveryParameterRefusesNothing(
            @ForAll @Size(max = 6) Map<@StringLength(min = 1, max = 3) String, @IntRange(min = 1, max = 3) Integer> given) {
        var declared = new UnknownQueryParameters.Declared(Set.of(), Set.of(), true);
        Map<String, List<String>> query = new LinkedHashMap<>();
        given.forEach((name, times) -> query.put(name, Collections.nCopies(times, "v")));

        assertThat(declared.refusals(query)).isEmpty();
    }
}

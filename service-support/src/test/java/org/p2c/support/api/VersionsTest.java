package org.p2c.support.api;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.p2c.support.problem.ProblemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** If-Match as RFC 9110 §13.1.1 has it: strong comparison, so only the current strong ETag or {@code *} matches. */
class VersionsTest {

    @Property
    void theCurrentETagMatchesAsReadOrListedBesideOthers(@ForAll @LongRange(min = 0) long version,
                                                         @ForAll @LongRange(min = 0) long other) {
        assertThatCode(() -> Versions.requireMatch(Versions.etag(version), version)).doesNotThrowAnyException();
        assertThatCode(() -> Versions.requireMatch(" " + Versions.etag(version) + " ", version)).doesNotThrowAnyException();
        assertThatCode(() -> Versions.requireMatch(Versions.etag(other) + ", " + Versions.etag(version), version))
                .doesNotThrowAnyException();
        assertThatCode(() -> Versions.requireMatch("*", version)).doesNotThrowAnyException();
    }

    @Property
    void aWeakTagNeverMatchesEvenOfTheCurrentVersion(@ForAll @LongRange(min = 0) long version) {
        assertThat(status("W/" + Versions.etag(version), version)).isEqualTo(412);
        assertThat(status("W/" + Versions.etag(version) + ", W/\"x\"", version)).isEqualTo(412);
    }

    @Property
    void anotherVersionIsStaleAndNamesTheCurrentETag(@ForAll @LongRange(min = 0) long version,
                                                     @ForAll @LongRange(min = 0) long other) {
        if (other == version) {
            return;
        }
        ProblemException stale = catchThrowableOfType(ProblemException.class,
                () -> Versions.requireMatch(Versions.etag(other), version));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.toProblem(null).type().toString()).endsWith("/stale-version");
        assertThat(stale.getMessage()).endsWith("current ETag is " + Versions.etag(version));
    }

    @Test
    void noIfMatchIsAPreconditionRequired() {
        for (String missing : new String[] {null, "", "  "}) {
            ProblemException required = catchThrowableOfType(ProblemException.class,
                    () -> Versions.requireMatch(missing, 3));
            assertThat(required.status()).isEqualTo(428);
            assertThat(required.toProblem(null).type().toString()).endsWith("/precondition-required");
        }
    }

    @Test
    void aValueThatIsNoEntityTagNamesNoVersion() {
        assertThat(status("3", 3)).isEqualTo(412); // unquoted
        assertThat(status("\"3\" \"3\"", 3)).isEqualTo(412); // no comma between tags
        assertThat(status("\"3\", *", 3)).isEqualTo(412); // * stands alone or not at all
    }

    private static int status(String ifMatch, long version) {
        return catchThrowableOfType(ProblemException.class, () -> Versions.requireMatch(ifMatch, version)).status();
    }
}

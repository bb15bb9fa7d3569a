package org.p2c.support.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;

/**
 * How long something has waited for a decision (a pledge or a revision for the Secretariat, an entity for its
 * verification): since when, and the time since then to the second, as an ISO 8601 duration for people and in
 * seconds for sorting and alerting. One shape for every queue of the platform.
 */
@Schema(name = "Waiting", example = """
        {"since": "2024-07-08T09:30:00Z", "duration": "PT51H3M20S", "seconds": 183800}""")
public record Waiting(
        @Schema(description = "When it started waiting (its submission)") Instant since,
        @Schema(description = "ISO 8601 duration from since to the time of the answer, whole seconds", example = "PT51H3M20S") String duration,
        @Schema(description = "The same duration in seconds", example = "183800") long seconds) {

    /** Waiting from {@code since} to {@code now}; a clock that stands behind the stored time waits 0, never less. */
    public static Waiting of(Instant since, Instant now) {
        Duration waited = Duration.between(since, now);
        if (waited.isNegative()) {
            waited = Duration.ZERO;
        }
        waited = waited.withNanos(0);
        return new Waiting(since, waited.toString(), waited.getSeconds());
    }
}

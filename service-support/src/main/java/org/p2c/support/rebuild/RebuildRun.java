package org.p2c.support.rebuild;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** A rebuild of a service's views from its topics, as its status resource answers it. */
@Schema(name = "RebuildStatus", example = """
        {"id": "0b6f2a6e-52c1-4d8e-9a39-5d0f6c0f2c11", "state": "SUCCEEDED", "eventsReplayed": 48213,
         "startedAt": "2026-11-29T04:57:40Z", "finishedAt": "2026-11-29T04:58:22Z", "failure": null}""")
public record RebuildRun(
        UUID id,
        @Schema(description = "RUNNING until the replay reached where the topics ended at its start, then SUCCEEDED; "
                + "FAILED if it stopped (its failure says why: an error, the service stopped, or its replica stopped renewing its lease)")
        State state,
        @Schema(description = "Events read again so far (updated while it runs)") long eventsReplayed,
        Instant startedAt,
        @Schema(nullable = true, description = "Null while it runs") Instant finishedAt,
        @Schema(nullable = true, description = "Why it failed; null otherwise") String failure) {

    @Schema(name = "RebuildState")
    public enum State { RUNNING, SUCCEEDED, FAILED }
}

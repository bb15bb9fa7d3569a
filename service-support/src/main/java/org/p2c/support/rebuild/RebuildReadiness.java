package org.p2c.support.rebuild;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Optional;

/**
 * Says on the readiness endpoint whether a rebuild of the views runs (on any replica), and stays UP: the views keep
 * answering while they are rebuilt (as they stood, or incomplete, each service's README says which), and a check DOWN
 * on every replica at once would take the whole service out of rotation for the length of a rebuild.
 */
@Readiness
@ApplicationScoped
public class RebuildReadiness implements HealthCheck {

    private final Rebuilds rebuilds;

    public RebuildReadiness(Rebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("View rebuild").up();
        try {
            Optional<RebuildRun> running = QuarkusTransaction.requiringNew().call(rebuilds::running);
            response.withData("rebuilding", running.isPresent());
            running.ifPresent(run -> response.withData("rebuild", run.id().toString())
                    .withData("startedAt", run.startedAt().toString())
                    .withData("eventsReplayed", run.eventsReplayed()));
        } catch (RuntimeException unknown) {
            // The database check reports the database; this one only cannot tell.
            response.withData("rebuilding", "unknown: " + unknown.getMessage());
        }
        return response.build();
    }
}

package org.p2c.analytics.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.p2c.support.rebuild.RebuildRun;
import org.p2c.support.rebuild.RebuildableViews;
import org.p2c.support.rebuild.Rebuilds;

import java.util.Optional;

/**
 * How the projections are rebuilt (service-support's {@code Rebuilds} runs it, in the background, one at a time across
 * replicas): emptied, then the three topics read from their beginning up to where they end at its start, every event
 * applied again with the live effect ({@code EventIngestion}). The live consumers go on meanwhile; as every apply
 * keeps the newest version and recomputes from stored states, events they apply during the rebuild land the same
 * either way. Figures are incomplete while it runs.
 */
@ApplicationScoped
public class Replay implements RebuildableViews {

    private static final Logger LOG = Logger.getLogger(Replay.class);

    private final AnalyticsProjection projection;
    private final Rebuilds rebuilds;

    public Replay(AnalyticsProjection projection, Rebuilds rebuilds) {
        this.projection = projection;
        this.rebuilds = rebuilds;
    }

    @Override
    public void reset() {
        projection.clear();
    }

    @Override
    public void rebuilt() {
        projection.rebuilt();
    }

    /**
     * A new version of the projections' tables (a migration that sets {@code rebuild_required}) rebuilds them from
     * the topics once the service is up; in the background, so the service starts and answers meanwhile.
     */
    void onStart(@Observes StartupEvent started) {
        try {
            rebuildIfRequired();
        } catch (RuntimeException failed) {
            // The service starts all the same; the flag stays set, and the next start tries again.
            LOG.errorf(failed, "the projections need a rebuild, which could not be started");
        }
    }

    /** @return the rebuild started (or already running on some replica), if the projections need one */
    public Optional<RebuildRun> rebuildIfRequired() {
        if (!QuarkusTransaction.requiringNew().call(projection::rebuildRequired)) {
            return Optional.empty();
        }
        Rebuilds.Start start = rebuilds.start();
        LOG.infof(start.started() ? "the projections' tables changed since they were filled: rebuild %s from the topics"
                : "the projections' tables changed since they were filled: rebuild %s runs already", start.run().id());
        return Optional.of(start.run());
    }
}

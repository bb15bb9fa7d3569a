package org.p2c.support.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.p2c.support.inbox.DeadLetterRedrive;
import org.p2c.support.problem.ProblemException;
import org.p2c.support.rebuild.RebuildRun;
import org.p2c.support.rebuild.Rebuilds;

import java.util.List;
import java.util.UUID;

/**
 * The answers of the admin operations that repair a service's views, the same in every consuming service (each
 * declares the operations on its own paths, with its own operation ids): list and redrive its dead letters, start a
 * rebuild of its views and follow it.
 */
@ApplicationScoped
public class ViewRepair {

    private final DeadLetterRedrive redrive;
    private final Rebuilds rebuilds;

    public ViewRepair(DeadLetterRedrive redrive, Rebuilds rebuilds) {
        this.redrive = redrive;
        this.rebuilds = rebuilds;
    }

    public List<DeadLetterRedrive.Parked> deadLetters() {
        return redrive.parked();
    }

    /** 409 while another redrive runs; 503 when a transient failure stopped it (what it did before is kept). */
    public DeadLetterRedrive.Report redrive() {
        try {
            return redrive.redrive().orElseThrow(() -> ProblemException.conflict("A redrive of the dead letters is already running"));
        } catch (DeadLetterRedrive.Stopped stopped) {
            DeadLetterRedrive.Report done = stopped.done();
            throw new ProblemException(503, "redrive-stopped", "Redrive stopped", "The redrive " + stopped.getMessage()
                    + "; before that: " + done.applied() + " applied, " + done.alreadyApplied() + " already applied, "
                    + done.notHandled() + " not handled, " + done.parkedAgain() + " parked again").retryAfter(10);
        }
    }

    /**
     * 202 with the status resource of the rebuild started in {@code Location}; 409 naming the status resource of the
     * one that runs (on any replica), which goes on as it started.
     *
     * @param uri the request to the rebuild collection: its status resources are {@code <that path>/<id>}
     */
    public Response startRebuild(UriInfo uri) {
        Rebuilds.Start start = rebuilds.start();
        var location = uri.getAbsolutePathBuilder().path(start.run().id().toString()).build();
        if (!start.started()) {
            throw ProblemException.conflict("A rebuild is already running since " + start.run().startedAt()
                    + ": " + location.getPath());
        }
        return Response.accepted(start.run()).location(location).build();
    }

    public RebuildRun rebuild(UUID id) {
        return rebuilds.find(id).orElseThrow(() -> ProblemException.notFound("Rebuild " + id));
    }
}

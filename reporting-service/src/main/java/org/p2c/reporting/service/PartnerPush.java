package org.p2c.reporting.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.p2c.reporting.api.ReportBatch;
import org.p2c.reporting.api.ReportBatch.ItemResult;
import org.p2c.reporting.api.ReportBatch.Outcome;
import org.p2c.reporting.api.ReportRequests.NewReport;
import org.p2c.reporting.domain.KnownEntity;
import org.p2c.reporting.domain.ProgressReport;
import org.p2c.support.api.BatchItem;
import org.p2c.support.api.Caller;
import org.p2c.support.api.Versions;
import org.p2c.support.idempotency.Idempotency.ItemLog;
import org.p2c.support.problem.ConcurrentChange;
import org.p2c.support.problem.ProblemException;
import org.p2c.support.views.ViewCatchUp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A partner system pushes its entity's progress reports in bulk. Each item is saved (and submitted, if asked) in a
 * transaction of its own, so one bad item never sinks the batch: it gets a FAILED result with its problem, and the
 * others go through. The same access rules as the API apply item by item (a foreign pledge is 404, as if absent).
 */
@ApplicationScoped
public class PartnerPush {

    private final ReportLifecycle lifecycle;
    private final Validator validator;
    private final ViewCatchUp catchUp;

    public PartnerPush(ReportLifecycle lifecycle, Validator validator, ViewCatchUp catchUp) {
        this.lifecycle = lifecycle;
        this.validator = validator;
        this.catchUp = catchUp;
    }

    /**
     * Pushes the items {@code log} does not name as done (by an earlier attempt with the same Idempotency-Key),
     * recording each saved item's result in its own transaction; the items done before are answered as they were.
     */
    public ReportBatch.Result push(ReportBatch.Request batch, Caller caller, ItemLog log) {
        requireBoundPartner(caller);
        // A pledge validated a moment ago is waited for, the whole batch at most the bound.
        ViewCatchUp.Deadline views = catchUp.deadline();
        List<ItemResult> results = new ArrayList<>(batch.items().size());
        for (int i = 0; i < batch.items().size(); i++) {
            int index = i;
            BatchItem<ReportBatch.Item> sent = batch.items().get(i);
            results.add(log.done(i, ItemResult.class).orElseGet(() -> sent.unreadable()
                    .map(problem -> new ItemResult(index, Outcome.FAILED, null, null, null, problem.toProblem(null)))
                    .orElseGet(() -> pushOne(index, sent.item(), views, caller, log))));
        }
        return ReportBatch.Result.of(results);
    }

    private ItemResult pushOne(int index, ReportBatch.Item item, ViewCatchUp.Deadline views, Caller caller, ItemLog log) {
        try {
            if (item == null || item.content() == null) {
                throw ProblemException.invalidField(400, "content", "is required");
            }
            Set<ConstraintViolation<ReportBatch.Item>> violations = validator.validate(item);
            if (!violations.isEmpty()) {
                throw ProblemException.invalid(violations);
            }
            return views.run(() -> QuarkusTransaction.requiringNew().call(() -> {
                ProgressReport report;
                Outcome outcome;
                if (item.reportId() == null) {
                    if (item.pledgeId() == null) {
                        throw ProblemException.invalidField(400, "pledgeId", "is required for a new report");
                    }
                    report = lifecycle.draft(new NewReport(item.pledgeId(), item.supersedes(), item.content()), caller);
                    outcome = Outcome.CREATED;
                } else {
                    if (item.version() == null) {
                        throw ProblemException.invalidField(428, "version", "is required to edit a report");
                    }
                    report = lifecycle.edit(item.reportId(), item.content(), ReportLifecycle.CONTENT_FIELD, Versions.etag(item.version()), caller);
                    outcome = Outcome.UPDATED;
                }
                if (item.submit()) {
                    report = lifecycle.submit(report.id, ReportLifecycle.CONTENT_FIELD, caller);
                }
                ItemResult result = new ItemResult(index, outcome, report.id, report.version, report.status.name(), null);
                log.record(index, result);
                return result;
            }));
        } catch (RuntimeException failure) {
            // An edit that lost to a concurrent one at commit named its version: 412, as for a stale one.
            ProblemException problem = ConcurrentChange.problemOrRethrow(failure, item != null && item.version() != null);
            return new ItemResult(index, Outcome.FAILED, item == null ? null : item.reportId(), null, null,
                    problem.toProblem(null));
        }
    }

    /** A partner client acts for the one entity it is bound to. */
    private static void requireBoundPartner(Caller caller) {
        String client = caller.partnerClientId().orElseThrow(() ->
                new ProblemException(403, "forbidden", "Forbidden", "Only partner systems push reports in bulk"));
        KnownEntity entity = QuarkusTransaction.requiringNew().call(() -> KnownEntity.<KnownEntity>find(
                "select e from KnownEntity e join e.partnerClients c where c = ?1", client).firstResult());
        if (entity == null) {
            throw new ProblemException(403, "forbidden", "Forbidden", "Client " + client + " is not bound to an entity");
        }
    }
}

package org.p2c.pledge.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.p2c.pledge.api.PledgeBatch;
import org.p2c.pledge.api.PledgeBatch.ItemResult;
import org.p2c.pledge.api.PledgeBatch.Outcome;
import org.p2c.pledge.api.PledgeRequests.NewPledge;
import org.p2c.pledge.domain.KnownEntity;
import org.p2c.pledge.domain.Pledge;
import org.p2c.pledge.domain.PledgeAction;
import org.p2c.support.api.BatchItem;
import org.p2c.support.api.Caller;
import org.p2c.support.api.Versions;
import org.p2c.support.idempotency.Idempotency.ItemLog;
import org.p2c.support.problem.ConcurrentChange;
import org.p2c.support.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A partner system pushes its entity's pledges in bulk. Each item is saved in a transaction of its own, so one bad
 * item never sinks the batch: it gets a FAILED result with its problem, and the others go through.
 */
@ApplicationScoped
public class PartnerPush {

    private final PledgeLifecycle lifecycle;
    private final Validator validator;

    public PartnerPush(PledgeLifecycle lifecycle, Validator validator) {
        this.lifecycle = lifecycle;
        this.validator = validator;
    }

    /**
     * Pushes the items {@code log} does not name as done (by an earlier attempt with the same Idempotency-Key),
     * recording each saved item's result in its own transaction; the items done before are answered as they were.
     */
    public PledgeBatch.Result push(PledgeBatch.Request batch, Caller caller, ItemLog log) {
        UUID entity = entityOf(caller);
        List<ItemResult> results = new ArrayList<>(batch.items().size());
        for (int i = 0; i < batch.items().size(); i++) {
            int index = i;
            BatchItem<PledgeBatch.Item> sent = batch.items().get(i);
            results.add(log.done(i, ItemResult.class).orElseGet(() -> sent.unreadable()
                    .map(problem -> new ItemResult(index, Outcome.FAILED, null, null, null, null, problem.toProblem(null)))
                    .orElseGet(() -> pushOne(index, sent.item(), entity, caller, log))));
        }
        return PledgeBatch.Result.of(results);
    }

    private ItemResult pushOne(int index, PledgeBatch.Item item, UUID entity, Caller caller, ItemLog log) {
        try {
            if (item == null || item.content() == null) {
                throw ProblemException.invalidField(400, "content", "is required");
            }
            Set<ConstraintViolation<PledgeBatch.Item>> violations = validator.validate(item);
            if (!violations.isEmpty()) {
                throw ProblemException.invalid(violations);
            }
            return QuarkusTransaction.requiringNew().call(() -> {
                Pledge pledge;
                Outcome outcome;
                if (item.pledgeId() == null) {
                    pledge = lifecycle.draft(new NewPledge(entity, item.content()), caller);
                    outcome = Outcome.CREATED;
                } else {
                    if (item.version() == null) {
                        throw ProblemException.invalidField(428, "version", "is required to edit a pledge");
                    }
                    pledge = lifecycle.edit(item.pledgeId(), item.content(), PledgeLifecycle.CONTENT_FIELD,
                            Versions.etag(item.version()), caller);
                    outcome = Outcome.UPDATED;
                }
                if (item.submit()) {
                    pledge = lifecycle.act(pledge.id, PledgeAction.SUBMITTED_FOR_VALIDATION, null,
                            PledgeLifecycle.CONTENT_FIELD, caller);
                }
                ItemResult result = new ItemResult(index, outcome, pledge.id, pledge.version, pledge.reference,
                        pledge.status.name(), null);
                log.record(index, result);
                return result;
            });
        } catch (RuntimeException failure) {
            // An edit that lost to a concurrent one at commit named its version: 412, as for a stale one.
            ProblemException problem = ConcurrentChange.problemOrRethrow(failure, item != null && item.version() != null);
            return new ItemResult(index, Outcome.FAILED, item == null ? null : item.pledgeId(), null, null, null,
                    problem.toProblem(null));
        }
    }

    /** A partner client acts for the one entity it is bound to. */
    private static UUID entityOf(Caller caller) {
        String client = caller.partnerClientId().orElseThrow(() ->
                new ProblemException(403, "forbidden", "Forbidden", "Only partner systems push pledges in bulk"));
        KnownEntity entity = QuarkusTransaction.requiringNew().call(() -> KnownEntity.<KnownEntity>find(
                "select e from KnownEntity e join e.partnerClients c where c = ?1", client).firstResult());
        if (entity == null) {
            throw new ProblemException(403, "forbidden", "Forbidden", "Client " + client + " is not bound to an entity");
        }
        return entity.id;
    }
}

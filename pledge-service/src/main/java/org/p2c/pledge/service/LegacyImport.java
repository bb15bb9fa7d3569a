package org.p2c.pledge.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jboss.logging.Logger;
import org.p2c.pledge.api.PledgeImport;
import org.p2c.pledge.api.PledgeImport.ImportedStatus;
import org.p2c.pledge.api.PledgeImport.ItemResult;
import org.p2c.pledge.api.PledgeImport.Outcome;
import org.p2c.pledge.domain.Pledge;
import org.p2c.pledge.domain.PledgeAction;
import org.p2c.pledge.domain.PledgeHistoryEntry;
import org.p2c.pledge.domain.PledgeStatus;
import org.p2c.pledge.events.PledgeEvents;
import org.p2c.support.api.BatchItem;
import org.p2c.support.api.Caller;
import org.p2c.support.problem.ConcurrentChange;
import org.p2c.support.problem.Problem;
import org.p2c.support.problem.ProblemException;
import org.p2c.support.views.ViewCatchUp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The Secretariat takes over pledges of the previous platform with their references and historical dates, so that
 * "as of" figures on past dates come out right. Each item commits on its own (one bad item never sinks the rest);
 * a reference that already exists is refused (409), which makes a re-run of the same file harmless: this is the
 * import's idempotency, so it takes no Idempotency-Key (docs/api-conventions.md). An import the service fails
 * part-way answers what it imported, and the items it did not try as FAILED with a 503 problem. The content rules
 * of drafts apply; the completeness rules of today's submission are not re-applied to what was validated then.
 */
@ApplicationScoped
public class LegacyImport {

    private static final Logger LOG = Logger.getLogger(LegacyImport.class);
    private static final String COMMENT = "imported from the previous platform";
    private static final Problem NOT_TRIED = new Problem(Problem.type("import-interrupted"), "Not imported", 503,
            "The import stopped before this item because the service failed; import it again", null, List.of());

    private final PledgeLifecycle lifecycle;
    private final PledgeContentWriter contents;
    private final Pledgers pledgers;
    private final PledgeEvents events;
    private final Validator validator;
    private final EntityManager em;
    private final ViewCatchUp catchUp;

    public LegacyImport(PledgeLifecycle lifecycle, PledgeContentWriter contents, Pledgers pledgers, PledgeEvents events,
                        Validator validator, EntityManager em, ViewCatchUp catchUp) {
        this.lifecycle = lifecycle;
        this.contents = contents;
        this.pledgers = pledgers;
        this.events = events;
        this.validator = validator;
        this.em = em;
        this.catchUp = catchUp;
    }

    public PledgeImport.Result run(PledgeImport.Request request, Caller caller) {
        List<ItemResult> results = new ArrayList<>(request.items().size());
        // An entity registered a moment ago is waited for, the whole import at most the bound.
        ViewCatchUp.Deadline views = catchUp.deadline();
        for (int i = 0; i < request.items().size(); i++) {
            BatchItem<PledgeImport.Item> sent = request.items().get(i);
            if (sent.unreadable().isPresent()) {
                results.add(new ItemResult(i, Outcome.FAILED, null, null, sent.unreadable().get().toProblem(null)));
                continue;
            }
            PledgeImport.Item item = sent.item();
            try {
                requireValid(item);
                UUID id = views.run(() -> QuarkusTransaction.requiringNew().call(() -> importOne(item, caller)));
                results.add(new ItemResult(i, Outcome.IMPORTED, item.reference(), id, null));
            } catch (RuntimeException failure) {
                Optional<ProblemException> problem = failure instanceof ProblemException known
                        ? Optional.of(known) : ConcurrentChange.problemOf(failure, false);
                if (problem.isEmpty()) {
                    // The service failed, not the item (its database went away, say): the items imported so far
                    // stay and are answered, this one and the rest are not tried. Running the file again imports
                    // the rest; the references already imported answer 409, so nothing is imported twice.
                    LOG.errorf(failure, "Legacy import interrupted at item %d of %d", i, request.items().size());
                    for (int rest = i; rest < request.items().size(); rest++) {
                        BatchItem<PledgeImport.Item> left = request.items().get(rest);
                        String reference = left.unreadable().isPresent() || left.item() == null ? null : left.item().reference();
                        results.add(new ItemResult(rest, Outcome.FAILED, reference, null, NOT_TRIED));
                    }
                    break;
                }
                results.add(new ItemResult(i, Outcome.FAILED, item == null ? null : item.reference(), null,
                        problem.get().toProblem(null)));
            }
        }
        return PledgeImport.Result.of(results);
    }

    private UUID importOne(PledgeImport.Item item, Caller caller) {
        pledgers.requireKnown(item.pledgerEntityId(), "pledgerEntityId");
        if (Pledge.count("reference", item.reference()) > 0) {
            throw ProblemException.conflict("Pledge " + item.reference() + " already exists (imported before?)");
        }
        lifecycle.check(item.content(), PledgeLifecycle.CONTENT_FIELD);
        Pledge pledge = new Pledge();
        pledge.id = UUID.randomUUID();
        pledge.reference = item.reference();
        pledge.pledgerEntityId = item.pledgerEntityId();
        pledge.imported = true;
        pledge.createdAt = item.submittedAt();
        pledge.createdBy = caller.actor();
        pledge.submittedAt = item.submittedAt();
        pledge.validatedAt = item.validatedAt();
        pledge.withdrawnAt = item.withdrawnAt();
        pledge.status = switch (item.status()) {
            case SUBMITTED -> PledgeStatus.SUBMITTED;
            case VALIDATED -> PledgeStatus.VALIDATED;
            case WITHDRAWN -> PledgeStatus.WITHDRAWN;
        };
        pledge.updatedAt = Pledge.now();
        contents.write(pledge, item.content(), PledgeLifecycle.CONTENT_FIELD);
        pledge.persist();
        keepReferenceCounterAhead(item.reference());

        // The history tells what happened when, then that the Secretariat took it over.
        String actor = caller.actor();
        PledgeHistoryEntry.record(pledge.id, PledgeAction.SUBMITTED_FOR_VALIDATION, PledgeStatus.DRAFT, PledgeStatus.SUBMITTED,
                actor, item.submittedAt(), COMMENT);
        if (item.validatedAt() != null) {
            PledgeHistoryEntry.record(pledge.id, PledgeAction.VALIDATED_BY_SECRETARIAT, PledgeStatus.SUBMITTED,
                    PledgeStatus.VALIDATED, actor, item.validatedAt(), COMMENT);
        }
        if (item.withdrawnAt() != null) {
            PledgeHistoryEntry.record(pledge.id, PledgeAction.WITHDRAWN_BY_PLEDGER, PledgeStatus.VALIDATED,
                    PledgeStatus.WITHDRAWN, actor, item.withdrawnAt(), COMMENT);
        }
        PledgeHistoryEntry.record(pledge.id, PledgeAction.IMPORTED, pledge.status, pledge.status, actor, pledge.updatedAt, COMMENT);
        events.changed(pledge, PledgeAction.IMPORTED);
        return pledge.id;
    }

    /** New submissions must never be numbered like an imported pledge of the same year. */
    private void keepReferenceCounterAhead(String reference) {
        String[] parts = reference.split("-");
        em.createNativeQuery("""
                        insert into pledge_reference_counter (year, last) values (?1, ?2)
                        on conflict (year) do update set last = greatest(pledge_reference_counter.last, excluded.last)""")
                .setParameter(1, Integer.parseInt(parts[1])).setParameter(2, Integer.parseInt(parts[2])).executeUpdate();
    }

    private void requireValid(PledgeImport.Item item) {
        if (item == null) {
            throw ProblemException.invalidField(400, "item", "is required");
        }
        Set<ConstraintViolation<PledgeImport.Item>> invalid = validator.validate(item);
        List<Problem.Violation> violations = new ArrayList<>(ProblemException.violationsOf(invalid));
        if (invalid.isEmpty()) {
            Instant now = Pledge.now();
            boolean validated = item.status() != ImportedStatus.SUBMITTED;
            if (validated && item.validatedAt() == null) {
                violations.add(new Problem.Violation("validatedAt", "is required for a " + item.status() + " pledge"));
            }
            if (!validated && item.validatedAt() != null) {
                violations.add(new Problem.Violation("validatedAt", "a SUBMITTED pledge has not been validated"));
            }
            if (item.status() == ImportedStatus.WITHDRAWN && item.withdrawnAt() == null) {
                violations.add(new Problem.Violation("withdrawnAt", "is required for a WITHDRAWN pledge"));
            }
            if (item.status() != ImportedStatus.WITHDRAWN && item.withdrawnAt() != null) {
                violations.add(new Problem.Violation("withdrawnAt", "only a WITHDRAWN pledge has been withdrawn"));
            }
            if (item.submittedAt().isAfter(now)) {
                violations.add(new Problem.Violation("submittedAt", "must not be in the future"));
            }
            if (item.validatedAt() != null && item.validatedAt().isBefore(item.submittedAt())) {
                violations.add(new Problem.Violation("validatedAt", "must not be before submittedAt"));
            }
            if (item.validatedAt() != null && item.validatedAt().isAfter(now)) {
                violations.add(new Problem.Violation("validatedAt", "must not be in the future"));
            }
            if (item.withdrawnAt() != null && item.validatedAt() != null && item.withdrawnAt().isBefore(item.validatedAt())) {
                violations.add(new Problem.Violation("withdrawnAt", "must not be before validatedAt"));
            }
            if (item.withdrawnAt() != null && item.withdrawnAt().isAfter(now)) {
                violations.add(new Problem.Violation("withdrawnAt", "must not be in the future"));
            }
        }
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparing(Problem.Violation::field));
            throw new ProblemException(400, "validation", "Invalid request", violations.size() + " field(s) are invalid", violations);
        }
    }
}

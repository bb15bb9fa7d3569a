package org.p2c.support.views;

import org.p2c.support.problem.Problem;
import org.p2c.support.problem.ProblemException;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A request names an aggregate of another service (an entity, a pledge) that this service's view of that service's
 * events does not know. The use case throws it inside its transaction; {@link ViewCatchUp}, outside the transaction,
 * waits a bounded time for the view to learn of it and runs the use case again. When the view never does, this is
 * the answer: a 422 naming the field, never a "retry later".
 */
public class UnknownReference extends ProblemException {

    private final transient BooleanSupplier known;

    private UnknownReference(int status, String slug, String title, String detail, List<Problem.Violation> violations,
                             BooleanSupplier known) {
        super(status, slug, title, detail, violations);
        this.known = known;
    }

    /**
     * A field of the body ({@code pledgerEntityId}, {@code pledgeId}: named as the request names it) refers to a
     * {@code what} the view does not know; {@code known} tells whether it knows it now (it runs in a transaction of
     * its own).
     */
    public static UnknownReference inBody(String field, String what, BooleanSupplier known) {
        return unresolved(field, "is not a known " + what, known);
    }

    /**
     * A field of the body the view cannot resolve yet, said in a {@code message} of its own (a field left out whose
     * value follows from what the view knows of the caller, say).
     */
    public static UnknownReference unresolved(String field, String message, BooleanSupplier known) {
        return new UnknownReference(422, "unknown-reference", "Unknown reference", field + ": " + message,
                List.of(new Problem.Violation(field, message)), known);
    }

    boolean isKnownNow() {
        return known.getAsBoolean();
    }
}

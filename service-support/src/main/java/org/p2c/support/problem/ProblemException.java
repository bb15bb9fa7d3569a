package org.p2c.support.problem;

import jakarta.validation.ConstraintViolation;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Thrown by use cases to answer a precise problem: an illegal transition (409), a stale version (412), a missing
 * {@code If-Match} (428), a rule the request breaks (422), something absent or not visible to the caller (404).
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.Violation> violations;
    private Integer retryAfterSeconds;

    public ProblemException(int status, String slug, String title, String detail, List<Problem.Violation> violations) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of());
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what + " does not exist or is not visible to you");
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail);
    }

    public static ProblemException invalidField(int status, String field, String message) {
        return new ProblemException(status, "validation", "Invalid request", field + ": " + message,
                List.of(new Problem.Violation(field, message)));
    }

    /** A 400 for the bean-validation violations of an object validated by hand (a batch item, say). */
    public static ProblemException invalid(Collection<? extends ConstraintViolation<?>> violations) {
        List<Problem.Violation> named = violationsOf(violations);
        return new ProblemException(400, "validation", "Invalid request", named.size() + " field(s) are invalid", named);
    }

    /** Violations named as the API names fields ({@code content.evidenceLinks[0]}), sorted by field. */
    public static List<Problem.Violation> violationsOf(Collection<? extends ConstraintViolation<?>> violations) {
        return violations.stream().map(v -> new Problem.Violation(ProblemMappers.fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field)).toList();
    }

    public int status() {
        return status;
    }

    /** Marks the problem as temporary: the answer carries {@code Retry-After}. */
    public ProblemException retryAfter(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.type(slug), title, status, getMessage(), instance, violations);
    }
}

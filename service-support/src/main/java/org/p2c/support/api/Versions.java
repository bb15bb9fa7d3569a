package org.p2c.support.api;

import org.p2c.support.problem.ProblemException;

/**
 * Optimistic concurrency over HTTP: the ETag is the aggregate's version, and an update must name the version it
 * read in {@code If-Match} — missing is 428, stale is 412.
 *
 * <p>The check here compares the version the use case loaded. Two requests that loaded the same version both pass
 * it; the {@code @Version} column then lets only one of them commit, and the other's failure at flush is answered
 * with the same 412 by {@link org.p2c.support.problem.ConcurrentChange} (through the problem mappers).
 */
public final class Versions {

    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "precondition-required", "Precondition required",
                    "Send If-Match with the ETag of the version you are changing");
        }
        String expected = etag(currentVersion);
        String given = ifMatch.trim().replaceFirst("^W/", "");
        if (!given.equals(expected) && !given.equals("*")) {
            throw new ProblemException(412, "stale-version", "Precondition failed",
                    "The resource changed since you read it: current ETag is " + expected);
        }
    }
}

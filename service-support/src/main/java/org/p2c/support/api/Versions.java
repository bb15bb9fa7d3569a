package org.p2c.support.api;

import org.p2c.support.problem.ProblemException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Optimistic concurrency over HTTP: the ETag is the aggregate's version, and an update must name the version it
 * read in {@code If-Match} — missing is 428, stale is 412.
 *
 * <p>{@code If-Match} is compared strongly (RFC 9110 §13.1.1): it matches when it is {@code *} or lists the current
 * ETag itself; a weak tag ({@code W/"3"}) never matches, since it does not promise the bytes the caller read.
 *
 * <p>The check here compares the version the use case loaded. Two requests that loaded the same version both pass
 * it; the {@code @Version} column then lets only one of them commit, and the other's failure at flush is answered
 * with the same 412 by {@link org.p2c.support.problem.ConcurrentChange} (through the problem mappers).
 */
public final class Versions {

    /** The request header that names the version a change applies to. */
    public static final String IF_MATCH = "If-Match";
    /** One entity-tag of an If-Match list (RFC 9110 §8.8.3): optionally weak, an opaque quoted string. */
    private static final Pattern TAG = Pattern.compile("\\s*(W/)?(\"[\\x21\\x23-\\x7E\\x80-\\xFF]*\")\\s*(,|$)");

    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw missing();
        }
        if (!matches(ifMatch, etag(currentVersion))) {
            throw stale(currentVersion);
        }
    }

    /** The 428 of a change that names no version. */
    public static ProblemException missing() {
        return new ProblemException(428, "precondition-required", "Precondition required",
                "Send " + IF_MATCH + " with the ETag of the version you are changing");
    }

    /** The 412 of a change that names another version than the current one. */
    public static ProblemException stale(long currentVersion) {
        return new ProblemException(412, "stale-version", "Precondition failed",
                "The resource changed since you read it: current ETag is " + etag(currentVersion));
    }

    /** Strong comparison: {@code *}, or a list of which one strong tag is {@code expected}. */
    static boolean matches(String ifMatch, String expected) {
        String given = ifMatch.trim();
        if (given.equals("*")) {
            return true;
        }
        Matcher tag = TAG.matcher(given);
        int at = 0;
        boolean found = false;
        while (at < given.length()) {
            if (!tag.find(at) || tag.start() != at) {
                return false; // not a list of entity-tags: names no version
            }
            found |= tag.group(1) == null && tag.group(2).equals(expected);
            at = tag.end();
        }
        return found;
    }
}

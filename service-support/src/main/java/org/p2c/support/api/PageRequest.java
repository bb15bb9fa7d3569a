package org.p2c.support.api;

import org.p2c.support.problem.ProblemException;

import java.util.Set;

/**
 * {@code ?page=0&size=20&sort=field,desc}, checked: a negative page or a size outside 1..100 is a 400 naming the
 * parameter, a page beyond {@value #MAX_OFFSET} items from the start (page × size) is a 400 naming {@code page} — the
 * offset stays a small int and no list makes the database skip millions of rows — and a sort is one of the listed
 * fields, optionally followed by {@code ,asc} or {@code ,desc}, anything else a 400 naming {@code sort}.
 */
public record PageRequest(int page, int size, String sortField, boolean descending) {

    public static final int MAX_SIZE = 100;
    /** How far into a list a page may start: page × size at most this. */
    public static final int MAX_OFFSET = 100_000;

    public static PageRequest of(Integer page, Integer size, String sort, Set<String> sortable, String defaultSort) {
        int p = page == null ? 0 : page;
        int s = size == null ? 20 : size;
        if (p < 0) {
            throw ProblemException.invalidField(400, "page", "must be 0 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw ProblemException.invalidField(400, "size", "must be between 1 and " + MAX_SIZE);
        }
        if ((long) p * s > MAX_OFFSET) {
            throw ProblemException.invalidField(400, "page", "must be at most " + MAX_OFFSET / s + " for size " + s
                    + " (page × size at most " + MAX_OFFSET + ")");
        }
        String expression = sort == null || sort.isBlank() ? defaultSort : sort;
        // split with -1 keeps empty parts: "," and "title," are malformed, not "no sort".
        String[] parts = expression.split(",", -1);
        String field = parts[0].trim();
        if (!sortable.contains(field)) {
            throw ProblemException.invalidField(400, "sort", "must be one of " + sortable + ", optionally followed by ,asc or ,desc");
        }
        if (parts.length > 2) {
            throw ProblemException.invalidField(400, "sort", "must be a field, optionally followed by ,asc or ,desc");
        }
        String direction = parts.length > 1 ? parts[1].trim() : "asc";
        boolean desc = "desc".equalsIgnoreCase(direction);
        if (!desc && !"asc".equalsIgnoreCase(direction)) {
            throw ProblemException.invalidField(400, "sort", "direction must be asc or desc");
        }
        return new PageRequest(p, s, field, desc);
    }

    public int offset() {
        return page * size;
    }
}

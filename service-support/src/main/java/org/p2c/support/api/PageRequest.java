package org.p2c.support.api;

import org.p2c.support.problem.ProblemException;

import java.util.Set;

/**
 * {@code ?page=0&size=20&sort=field,desc}, checked: a negative page or a size outside 1..100 is a 400 naming the
 * parameter, and only the listed sort fields are accepted.
 */
public record PageRequest(int page, int size, String sortField, boolean descending) {

    public static final int MAX_SIZE = 100;

    public static PageRequest of(Integer page, Integer size, String sort, Set<String> sortable, String defaultSort) {
        int p = page == null ? 0 : page;
        int s = size == null ? 20 : size;
        if (p < 0) {
            throw ProblemException.invalidField(400, "page", "must be 0 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw ProblemException.invalidField(400, "size", "must be between 1 and " + MAX_SIZE);
        }
        String[] parts = (sort == null || sort.isBlank() ? defaultSort : sort).split(",");
        String field = parts[0].trim();
        if (!sortable.contains(field)) {
            throw ProblemException.invalidField(400, "sort", "must be one of " + sortable);
        }
        boolean desc = parts.length > 1 && "desc".equalsIgnoreCase(parts[1].trim());
        if (parts.length > 1 && !desc && !"asc".equalsIgnoreCase(parts[1].trim())) {
            throw ProblemException.invalidField(400, "sort", "direction must be asc or desc");
        }
        return new PageRequest(p, s, field, desc);
    }

    public int offset() {
        return page * size;
    }
}

package org.p2c.support.api;

import org.p2c.support.problem.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Days from one date to another, both included, in UTC: what {@code submittedFrom}/{@code submittedTo} of a queue
 * ask for. Either end may be left out. A start after the end is a 400 naming the start parameter, rather than an
 * empty answer that looks like "nothing waits".
 */
public record DayRange(LocalDate from, LocalDate to) {

    public static DayRange of(LocalDate from, LocalDate to, String fromParameter, String toParameter) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ProblemException.invalidField(400, fromParameter, "must not be after " + toParameter);
        }
        return new DayRange(from, to);
    }

    /** The first instant of the range, or null for no lower bound. */
    public Instant start() {
        return from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** The first instant after the range (exclusive), or null for no upper bound. */
    public Instant end() {
        return to == null ? null : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    public boolean contains(Instant instant) {
        return (start() == null || !instant.isBefore(start())) && (end() == null || instant.isBefore(end()));
    }
}

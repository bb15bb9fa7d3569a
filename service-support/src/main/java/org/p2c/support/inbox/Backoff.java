package org.p2c.support.inbox;

import java.time.Duration;

/**
 * The waits between the tries of one event: {@code initial}, then doubling up to {@code max}, for as long as it
 * takes (a transient failure is never given up on). Configured by {@code p2c.inbox.retry.initial-delay} and
 * {@code p2c.inbox.retry.max-delay}.
 */
public final class Backoff {

    private final Duration max;
    private Duration next;
    private int failures;

    public Backoff(Duration initial, Duration max) {
        this.max = max;
        this.next = initial;
    }

    /** Records one more failure; the wait before the next try. */
    public Duration afterFailure() {
        failures++;
        Duration wait = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return wait;
    }

    public int failures() {
        return failures;
    }
}

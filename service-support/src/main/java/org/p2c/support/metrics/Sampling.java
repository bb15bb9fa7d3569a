package org.p2c.support.metrics;

import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Says once that gauges went stale, and once that they are sampled again. A sampler whose source (the database, the
 * broker) is away sets its gauges to NaN, so that a dashboard shows a gap rather than the last value as if current,
 * and logs it here at the first failure only: the next samples fail alike every few seconds until it is back.
 */
public final class Sampling {

    private final Logger log;
    private final String what;
    private final AtomicBoolean failing = new AtomicBoolean();

    public Sampling(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    public void failed(Throwable failure) {
        if (failing.compareAndSet(false, true)) {
            // A timeout of java.util.concurrent says nothing more than its class.
            log.warnf("%s not sampled, its gauges read NaN until it is again: %s%s", what, Metrics.reason(failure),
                    failure.getMessage() == null ? "" : ": " + failure.getMessage());
        }
    }

    public void sampled() {
        if (failing.compareAndSet(true, false)) {
            log.infof("%s sampled again", what);
        }
    }
}

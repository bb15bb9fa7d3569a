package org.p2c.support.metrics;

import io.quarkus.narayana.jta.QuarkusTransactionException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one naming scheme of the platform's own meters (docs/events.md, Observability): a Micrometer name
 * {@code p2c.<part>.<what>} (Prometheus: {@code p2c_<part>_<what>}, counters with {@code _total}, a time in seconds with
 * {@code _seconds}), and labels from this short list only, each with a bounded set of values: a configured topic or
 * consumer group, a type the consumer declares it handles (else {@link #UNHANDLED} or {@link #UNREADABLE}), an outcome
 * from a fixed list, or the simple class name of a failure. Never an id, a path, a key or a message: every value makes
 * a series of its own, kept as long as the process lives.
 */
public final class Metrics {

    /** The topic as configured (a service reads and writes a handful). */
    public static final String TOPIC = "topic";
    /** A CloudEvent type the consumer handles, or {@link #UNHANDLED} / {@link #UNREADABLE}. */
    public static final String TYPE = "type";
    /** One of a fixed list per meter. */
    public static final String OUTCOME = "outcome";
    /** The simple class name of a failure ({@link #reason}). */
    public static final String REASON = "reason";
    /** A consumer group as configured. */
    public static final String GROUP = "group";

    /** The type label of a well-formed event of a type the consumer does not handle: its own type is anyone's string. */
    public static final String UNHANDLED = "unhandled";
    /** The type label of a record that is no readable CloudEvent. */
    public static final String UNREADABLE = "unreadable";

    /** How often gauges that need the database or the broker are sampled (never on the scrape thread). */
    public static final String SAMPLE_EVERY = "${p2c.metrics.sample-every:5s}";

    private Metrics() {
    }

    /**
     * The {@link #REASON} label of a failure: the simple name of its class, past the wrappers that say nothing of
     * their own (an execution, completion or transaction of something that failed). Class names are few and fixed by the code,
     * unlike messages.
     */
    public static String reason(Throwable failure) {
        Throwable named = failure;
        while ((named instanceof ExecutionException || named instanceof CompletionException
                || named instanceof QuarkusTransactionException || named instanceof UndeclaredThrowableException
                || named instanceof InvocationTargetException)
                && named.getCause() != null) {
            named = named.getCause();
        }
        String simple = named.getClass().getSimpleName();
        if (simple.isEmpty()) {
            // An anonymous class: its binary name is as fixed.
            String name = named.getClass().getName();
            simple = name.substring(name.lastIndexOf('.') + 1);
        }
        return simple;
    }
}

package org.p2c.support.metrics;

import io.quarkus.narayana.jta.QuarkusTransactionException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** A failure's reason label is its class's simple name, past the wrappers that say nothing, never its message. */
class MetricsTest {

    @Test
    void theReasonIsTheClassPastWrappersNeverTheMessage() {
        assertThat(Metrics.reason(new IllegalStateException("pledge 5f0c8e3a… not found"))).isEqualTo("IllegalStateException");
        assertThat(Metrics.reason(new QuarkusTransactionException(new ExecutionException(
                new CompletionException(new TimeoutException("after 30 s")))))).isEqualTo("TimeoutException");
        assertThat(Metrics.reason(new ExecutionException(null))).isEqualTo("ExecutionException");
        assertThat(Metrics.reason(new RuntimeException() {
        })).isEqualTo("MetricsTest$1");
    }
}

package org.p2c.support.inbox;

/**
 * An event that can never be applied, whatever the retries: not a CloudEvent, data that is not a JSON object or lacks
 * what its contract requires. The {@link Inbox} parks it on the topic's dead-letter topic and goes on. A consumer's
 * effect throws it for an event it has read and found impossible to apply; anything else it throws is retried
 * unless {@link Failures} proves it is the event's fault.
 */
public class PoisonEvent extends RuntimeException {

    public PoisonEvent(String reason) {
        super(reason);
    }

    public PoisonEvent(String reason, Throwable cause) {
        super(reason, cause);
    }
}

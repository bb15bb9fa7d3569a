package org.p2c.support.inbox;

/**
 * What a service takes in from one topic: the types it handles and what applying one does. The one description of a
 * consumer that its live channel, the redrive of its dead letters ({@link DeadLetterRedrive}) and the rebuild of its
 * views (service-support's {@code rebuild}) all apply events through, so that the three cannot disagree.
 *
 * @param topic the aggregate topic's name as configured ({@code p2c.topics.*})
 */
public record InboxTopic(String topic, EventTypes handled, Inbox.Effect effect) {
}

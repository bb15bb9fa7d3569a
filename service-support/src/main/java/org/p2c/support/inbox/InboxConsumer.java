package org.p2c.support.inbox;

import java.util.List;

/**
 * A bean that takes in events through the {@link Inbox}: it names its topics, each with the types it handles and their
 * effect ({@link InboxTopic}), and hands its channels' records to {@link Inbox#consume(org.eclipse.microprofile.reactive.messaging.Message, InboxTopic)}.
 * The redrive and the rebuild find a service's topics here.
 */
public interface InboxConsumer {

    List<InboxTopic> topics();
}

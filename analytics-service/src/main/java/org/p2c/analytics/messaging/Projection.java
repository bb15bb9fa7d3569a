package org.p2c.analytics.messaging;

import io.vertx.core.json.JsonObject;

/** A view that analytics keeps from the aggregate topics; applied inside the transaction that logs the event. */
public interface Projection {

    /** @param topic the aggregate topic, @param type the CloudEvents type, @param data the aggregate's state */
    void apply(String topic, String type, JsonObject data);
}

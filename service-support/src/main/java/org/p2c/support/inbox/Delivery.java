package org.p2c.support.inbox;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * One record as the inbox takes it in: where it came from on the aggregate topic and its original bytes. Live, it is
 * the record the channel polled; redriven, the record parked on {@code <topic>.dlq}, named by the place it first came
 * from (its {@code p2c-dlq-*} headers), so that parking it again says the same.
 */
public record Delivery(String topic, int partition, long offset, byte[] key, byte[] value, Headers headers) {

    public static Delivery of(IncomingKafkaRecordMetadata<?, ?> record) {
        Headers headers = new RecordHeaders();
        for (Header header : record.getHeaders()) {
            headers.add(header);
        }
        return new Delivery(record.getTopic(), record.getPartition(), record.getOffset(), bytes(record.getKey()),
                bytes(record.getRecord().value()), headers);
    }

    public String where() {
        return topic + "-" + partition + "@" + offset;
    }

    private static byte[] bytes(Object value) {
        if (value == null || value instanceof byte[]) {
            return (byte[]) value;
        }
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }
}

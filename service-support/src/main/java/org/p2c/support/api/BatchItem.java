package org.p2c.support.api;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import org.p2c.support.problem.ProblemException;
import org.p2c.support.problem.ProblemMappers;

import java.io.IOException;
import java.util.Optional;

/**
 * One item of a batch as it was read: the item, or the problem that kept it from being read — a field of the wrong
 * type, a text with a NUL character, a date outside the platform's years ({@link PlatformValues}), named from the
 * item's root. A batch's items are read one by one, so such an item fails alone with its problem in the per-item
 * results instead of the whole batch being refused (or worse). A batch declares its items as
 * {@code List<BatchItem<Item>>}, with {@code @Schema(type = ARRAY, implementation = Item.class)} so that its API
 * document shows the items as they are sent.
 */
@JsonDeserialize(using = BatchItem.Reader.class)
public final class BatchItem<T> {

    private final T item;
    private final ProblemException unreadable;
    private final JsonNode sent;

    private BatchItem(T item, ProblemException unreadable, JsonNode sent) {
        this.item = item;
        this.unreadable = unreadable;
        this.sent = sent;
    }

    public static <T> BatchItem<T> of(T item) {
        return new BatchItem<>(item, null, null);
    }

    /** The item; call only when {@link #unreadable()} is empty. */
    public T item() {
        if (unreadable != null) {
            throw unreadable;
        }
        return item;
    }

    public Optional<ProblemException> unreadable() {
        return Optional.ofNullable(unreadable);
    }

    /** Written as the item, or as it was sent if it could not be read (an Idempotency-Key compares bodies so). */
    @JsonValue
    Object written() {
        return unreadable == null ? item : sent;
    }

    /** Reads the item's JSON into its type, keeping a failure as the item's problem. */
    static final class Reader extends JsonDeserializer<BatchItem<?>> implements ContextualDeserializer {

        private final JavaType itemType;

        Reader() {
            this(null);
        }

        private Reader(JavaType itemType) {
            this.itemType = itemType;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            JavaType wrapper = context.getContextualType() != null ? context.getContextualType()
                    : property == null ? null : property.getType().getContentType();
            if (wrapper == null || wrapper.containedTypeCount() != 1) {
                throw new IllegalStateException("A BatchItem must name its item type: BatchItem<Item>");
            }
            return new Reader(wrapper.containedType(0));
        }

        @Override
        public BatchItem<?> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode sent = context.readTree(parser);
            if (!sent.isObject()) {
                return new BatchItem<>(null, notAnObject(), sent);
            }
            try {
                return new BatchItem<>(context.readTreeAsValue(sent, itemType), null, sent);
            } catch (JsonMappingException unreadable) {
                return new BatchItem<>(null, ProblemMappers.unreadable(unreadable).orElseGet(BatchItem::notAnObject), sent);
            }
        }

        @Override
        public BatchItem<?> getNullValue(DeserializationContext context) {
            return new BatchItem<>(null, notAnObject(), null);
        }
    }

    private static ProblemException notAnObject() {
        return new ProblemException(400, "validation", "Invalid request", "The item is not an object of the batch's item form");
    }
}

package org.p2c.support.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.YearMonthDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import org.p2c.support.problem.UnacceptableValue;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.function.Predicate;

/**
 * Every JSON body is read with the platform's rules for values of any field: no text with a NUL character
 * ({@link Text}), no date, month or instant outside the platform's years ({@link Dates}). A value that breaks one is
 * refused while the body is read, as a 400 naming the field ({@code content.title},
 * {@code financialValue.valueDate}), or, in a batch, as that item's failure; it never reaches a use case or the
 * database. One reader per type for every service, instead of a constraint that each field would have to remember.
 */
@Singleton
public class PlatformValues implements ObjectMapperCustomizer {

    private static final String INSTANT_RANGE = "must be an instant between " + Dates.EARLIEST + "T00:00:00Z and "
            + Dates.LATEST + "T23:59:59Z";

    /** Last of all customizers: Jackson asks the module registered last first, and Quarkus registers JavaTimeModule. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper json) {
        SimpleModule rules = new SimpleModule("p2c-platform-values");
        rules.addDeserializer(String.class, new Checked<>(String.class, StringDeserializer.instance, Text::takes,
                Text.NUL_REFUSED));
        rules.addDeserializer(LocalDate.class, new Checked<>(LocalDate.class, LocalDateDeserializer.INSTANCE,
                Dates::takes, "must be " + Dates.DATE_RANGE));
        rules.addDeserializer(YearMonth.class, new Checked<>(YearMonth.class, YearMonthDeserializer.INSTANCE,
                Dates::takes, "must be a month between " + YearMonth.from(Dates.EARLIEST) + " and " + YearMonth.from(Dates.LATEST)));
        rules.addDeserializer(Instant.class, new Checked<>(Instant.class, InstantDeserializer.INSTANT,
                Dates::takes, INSTANT_RANGE));
        rules.addDeserializer(OffsetDateTime.class, new Checked<>(OffsetDateTime.class, InstantDeserializer.OFFSET_DATE_TIME,
                t -> Dates.takes(t.toInstant()), INSTANT_RANGE));
        json.registerModule(rules);
    }

    /** Reads as the standard reader does, then refuses a value the platform does not take. */
    static final class Checked<T> extends StdScalarDeserializer<T> {

        private final JsonDeserializer<? extends T> standard;
        private final Predicate<T> takes;
        private final String reason;

        Checked(Class<T> type, JsonDeserializer<? extends T> standard, Predicate<T> takes, String reason) {
            super(type);
            this.standard = standard;
            this.takes = takes;
            this.reason = reason;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            T value = standard.deserialize(parser, context);
            if (value != null && !takes.test(value)) {
                throw new UnacceptableValue(parser, value, handledType(), reason);
            }
            return value;
        }
    }
}

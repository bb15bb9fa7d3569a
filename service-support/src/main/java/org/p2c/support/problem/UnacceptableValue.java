package org.p2c.support.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/**
 * A body value that is well-formed JSON of the right type but outside what the platform takes (a NUL character in a
 * text, a date outside the platform's years). A Jackson exception, so that Jackson adds the field's path as it
 * unwinds and a batch reads it as one item's failure; answered as a 400 naming the field and saying why.
 */
public class UnacceptableValue extends InvalidFormatException {

    private final String reason;

    public UnacceptableValue(JsonParser parser, Object value, Class<?> type, String reason) {
        super(parser, reason, value, type);
        this.reason = reason;
    }

    /** What the field must be, as the violation says it: "must not contain …". */
    public String reason() {
        return reason;
    }
}

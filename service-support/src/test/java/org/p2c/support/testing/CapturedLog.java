package org.p2c.support.testing;

import org.jboss.logmanager.ExtLogRecord;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The log lines one category writes while it is open, each with the MDC it was written with (the trace and span ids
 * the console format prints), read in the service's own JVM as a log handler sees them.
 */
public final class CapturedLog extends Handler implements AutoCloseable {

    /** One line: its message as printed and its MDC. */
    public record Line(String message, Map<String, String> mdc) {
    }

    private final Logger logger;
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private CapturedLog(Logger logger) {
        this.logger = logger;
    }

    public static CapturedLog of(Class<?> category) {
        CapturedLog log = new CapturedLog(Logger.getLogger(category.getName()));
        log.logger.addHandler(log);
        return log;
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        ExtLogRecord line = ExtLogRecord.wrap(record);
        lines.add(new Line(line.getFormattedMessage(), new HashMap<>(line.getMdcCopy())));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}

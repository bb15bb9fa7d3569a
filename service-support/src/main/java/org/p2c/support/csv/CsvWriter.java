package org.p2c.support.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every CSV the platform answers (RFC 4180 on Apache Commons CSV, CRLF line ends), written so a spreadsheet opens it
 * safely and as people read it:
 * <ul>
 *   <li>a text cell that a spreadsheet would take for a formula — one starting with {@code = + - @}, a tab or a
 *   carriage return (OWASP, CSV injection) — is written behind a single quote, so it shows as the text it is;</li>
 *   <li>numbers stay numbers, written in plain notation ({@code 70}, never {@code 7E+1}); a text that is only a
 *   plain number ({@code -12.5}) is a number too, and cannot start a formula;</li>
 *   <li>several values in one cell are joined by {@code ;}.</li>
 * </ul>
 * A writer streams: each row goes to the underlying writer as it is given.
 */
public final class CsvWriter implements Flushable {

    public static final String MEDIA_TYPE = "text/csv";
    /** Excel reads a file as UTF-8 only behind this mark; without it accented names are mangled. */
    public static final char BYTE_ORDER_MARK = '\uFEFF';

    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final CSVPrinter printer;

    private CsvWriter(CSVPrinter printer) {
        this.printer = printer;
    }

    /** A writer whose first line is the header. */
    public static CsvWriter of(Appendable out, List<String> header) {
        return of(out, header, false);
    }

    /** A writer whose first line is the header, behind a UTF-8 byte order mark when {@code forExcel}. */
    public static CsvWriter of(Appendable out, List<String> header, boolean forExcel) {
        try {
            if (forExcel) {
                out.append(BYTE_ORDER_MARK);
            }
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.MINIMAL).get());
            CsvWriter writer = new CsvWriter(printer);
            writer.row(new ArrayList<>(header));
            return writer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One row; each value is written as {@link #cell(Object)} says. */
    public void row(List<?> values) {
        try {
            printer.printRecord(values.stream().map(CsvWriter::cell).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void flush() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value as its cell's text (before RFC 4180 quoting, which Commons CSV adds where needed). */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            // No number a spreadsheet could read: an empty cell, never "NaN" or "Infinity" as if it were text.
            return Double.isFinite(number) ? new BigDecimal(value.toString()).toPlainString() : "";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        if (value instanceof Collection<?> values) {
            return text(values.stream().map(v -> v instanceof Number ? cell(v) : String.valueOf(v))
                    .collect(Collectors.joining(";")));
        }
        return text(value.toString());
    }

    private static String text(String text) {
        if (text.isEmpty() || FORMULA_STARTS.indexOf(text.charAt(0)) < 0 || PLAIN_NUMBER.matcher(text).matches()) {
            return text;
        }
        return "'" + text;
    }
}

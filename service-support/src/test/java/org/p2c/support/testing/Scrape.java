package org.p2c.support.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/**
 * One read of the service's {@code /q/metrics} as Prometheus serves it: the series of a name, by their labels. Tests
 * read what an operator's Prometheus reads, not the registry behind it.
 */
public final class Scrape {

    /** One series: its labels and its value. */
    public record Series(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String text;
    private final List<Series> series;

    private Scrape(String text) {
        this.text = text;
        List<Series> read = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line.strip());
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher label = LABEL.matcher(m.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                }
            }
            read.add(new Series(m.group(1), Map.copyOf(labels), Double.parseDouble(m.group(3))));
        }
        this.series = List.copyOf(read);
    }

    public static Scrape now() {
        return new Scrape(given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** The whole text, as served. */
    public String text() {
        return text;
    }

    /** The series of {@code name} whose labels include {@code labels} (name, value, name, value, ...). */
    public List<Series> of(String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return series.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(wanted.entrySet())).toList();
    }

    /** The sum of the series of {@code name} whose labels include {@code labels}; 0 when there is none. */
    public double sum(String name, String... labels) {
        return of(name, labels).stream().mapToDouble(Series::value).sum();
    }

    /** The value of the one series of {@code name} with {@code labels}; NaN when there is none. */
    public double value(String name, String... labels) {
        List<Series> found = of(name, labels);
        if (found.size() > 1) {
            throw new AssertionError("more than one series of " + name + " with " + List.of(labels) + ": " + found);
        }
        return found.isEmpty() ? Double.NaN : found.get(0).value();
    }

    /** Every series whose name starts with {@code prefix}. */
    public List<Series> all(String prefix) {
        return series.stream().filter(s -> s.name().startsWith(prefix)).toList();
    }
}

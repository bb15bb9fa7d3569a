package org.p2c.analytics.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.p2c.support.csv.CsvWriter;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Any answer as CSV with two columns, {@code figure,value}: one row per figure, named by its path in the JSON
 * answer; an item of a list is named by its first field (e.g. {@code byPillar.SKILLS.pledges}). Written by
 * service-support's CsvWriter: numbers in plain notation, no formula injection.
 */
final class Csv {

    static final String MEDIA_TYPE = CsvWriter.MEDIA_TYPE;

    private Csv() {
    }

    static String of(ObjectMapper json, Object answer) {
        StringBuilder out = new StringBuilder();
        CsvWriter csv = CsvWriter.of(out, List.of("figure", "value"));
        flatten(json.valueToTree(answer), "", csv);
        csv.flush();
        return out.toString();
    }

    private static void flatten(JsonNode node, String path, CsvWriter csv) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                flatten(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), csv);
            }
        } else if (node.isArray()) {
            int i = 0;
            for (JsonNode item : node) {
                String name = String.valueOf(i++);
                if (item.isObject() && item.fields().hasNext()) {
                    var first = item.fields().next();
                    name = first.getValue().asText();
                    var rest = item.deepCopy();
                    ((ObjectNode) rest).remove(first.getKey());
                    flatten(rest, path + "." + name, csv);
                } else {
                    flatten(item, path + "." + name, csv);
                }
            }
        } else {
            // A number as a number (plain notation, never 7E+1), anything else as its text.
            csv.row(List.of(path, node.isNull() ? "" : node.isNumber() ? node.decimalValue() : node.asText()));
        }
    }
}

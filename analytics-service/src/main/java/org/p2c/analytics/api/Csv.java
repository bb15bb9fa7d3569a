package org.p2c.analytics.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Iterator;
import java.util.Map;

/**
 * Any answer as CSV with two columns, {@code figure,value}: one row per figure, named by its path in the JSON
 * answer; an item of a list is named by its first field (e.g. {@code byPillar.SKILLS.pledges}).
 */
final class Csv {

    static final String MEDIA_TYPE = "text/csv";

    private Csv() {
    }

    static String of(ObjectMapper json, Object answer) {
        StringBuilder out = new StringBuilder("figure,value\n");
        flatten(json.valueToTree(answer), "", out);
        return out.toString();
    }

    private static void flatten(JsonNode node, String path, StringBuilder out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                flatten(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), out);
            }
        } else if (node.isArray()) {
            int i = 0;
            for (JsonNode item : node) {
                String name = String.valueOf(i++);
                if (item.isObject() && item.fields().hasNext()) {
                    var first = item.fields().next();
                    name = first.getValue().asText();
                    var rest = item.deepCopy();
                    ((com.fasterxml.jackson.databind.node.ObjectNode) rest).remove(first.getKey());
                    flatten(rest, path + "." + name, out);
                } else {
                    flatten(item, path + "." + name, out);
                }
            }
        } else {
            out.append(cell(path)).append(',').append(node.isNull() ? "" : cell(node.asText())).append('\n');
        }
    }

    /** RFC 4180 quoting, and no formula injection into spreadsheets. */
    private static String cell(String value) {
        String v = value.isEmpty() || "=+-@".indexOf(value.charAt(0)) < 0 || value.matches("-?[0-9.]+") ? value : "'" + value;
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}

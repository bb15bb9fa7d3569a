package org.p2c.analytics.domain;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One validated revision of a pledge: what the figures read of it (value, places, categories, targets, end date)
 * while it is in force, from {@code from}, the UTC day the Secretariat validated it (the first validation for revision
 * 1), until a later revision takes over. {@code version}: the event it was read from; several events carry the same
 * revision (a withdrawal, a pending revision's steps), the newest of them is kept.
 */
public record ValidatedContent(int revision, long version, LocalDate from, BigDecimal usd, List<String> countries,
                               List<String> regions, List<String> types, List<String> pillars, List<String> focusAreas,
                               List<String> unGroups, List<Integer> sdgs, List<String> targets, LocalDate endDate) {

    /**
     * The timeline with {@code arrived} in it: a revision not yet known is added, a known one is replaced only by a
     * newer event. In revision order, so any order of arrival (and any repetition) gives the same timeline.
     */
    public static List<ValidatedContent> merge(List<ValidatedContent> timeline, ValidatedContent arrived) {
        List<ValidatedContent> merged = new ArrayList<>();
        for (ValidatedContent c : timeline) {
            if (c.revision() != arrived.revision()) {
                merged.add(c);
            } else if (c.version() >= arrived.version()) {
                return timeline;
            }
        }
        merged.add(arrived);
        merged.sort(Comparator.comparingInt(ValidatedContent::revision));
        return List.copyOf(merged);
    }

    /** The form kept in a_pledge.contents: the timeline as last applied, so a pledge's old contribution can be recomputed. */
    public static String toJson(List<ValidatedContent> timeline) {
        JsonArray out = new JsonArray();
        for (ValidatedContent c : timeline) {
            out.add(new JsonObject().put("revision", c.revision()).put("version", c.version()).put("from", c.from().toString())
                    .put("usd", c.usd() == null ? null : c.usd().toPlainString())
                    .put("countries", new JsonArray(c.countries())).put("regions", new JsonArray(c.regions()))
                    .put("types", new JsonArray(c.types())).put("pillars", new JsonArray(c.pillars()))
                    .put("focusAreas", new JsonArray(c.focusAreas())).put("unGroups", new JsonArray(c.unGroups()))
                    .put("sdgs", new JsonArray(c.sdgs())).put("targets", new JsonArray(c.targets()))
                    .put("endDate", c.endDate() == null ? null : c.endDate().toString()));
        }
        return out.encode();
    }

    public static List<ValidatedContent> fromJson(String json) {
        List<ValidatedContent> timeline = new ArrayList<>();
        for (Object o : new JsonArray(json)) {
            JsonObject c = (JsonObject) o;
            Object usd = c.getValue("usd");
            String end = c.getString("endDate");
            timeline.add(new ValidatedContent(c.getInteger("revision"), c.getLong("version"), LocalDate.parse(c.getString("from")),
                    usd == null ? null : new BigDecimal(usd.toString()), strings(c, "countries"), strings(c, "regions"),
                    strings(c, "types"), strings(c, "pillars"), strings(c, "focusAreas"), strings(c, "unGroups"),
                    c.getJsonArray("sdgs").stream().map(n -> ((Number) n).intValue()).toList(), strings(c, "targets"),
                    end == null ? null : LocalDate.parse(end)));
        }
        timeline.sort(Comparator.comparingInt(ValidatedContent::revision));
        return List.copyOf(timeline);
    }

    private static List<String> strings(JsonObject c, String field) {
        return c.getJsonArray(field).stream().map(String::valueOf).toList();
    }
}

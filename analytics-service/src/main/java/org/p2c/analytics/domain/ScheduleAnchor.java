package org.p2c.analytics.domain;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One entry of a pledge's reporting schedule as reporting-service publishes it ({@code p2c.report.schedule-changed.v1}):
 * from the UTC day {@code from} on (until the next entry's), the next report is due on {@code dueOn} and the pledge
 * is DUE from {@code dueSoonFrom}. Analytics computes no due date of its own: the cadence is reporting-service's.
 */
public record ScheduleAnchor(LocalDate from, LocalDate dueOn, LocalDate dueSoonFrom) {

    /** The anchors of an event's {@code data.anchors}, in order of {@code from}. */
    public static List<ScheduleAnchor> of(JsonArray anchors) {
        List<ScheduleAnchor> out = new ArrayList<>();
        if (anchors != null) {
            for (Object o : anchors) {
                JsonObject a = (JsonObject) o;
                out.add(new ScheduleAnchor(LocalDate.parse(a.getString("from")), LocalDate.parse(a.getString("dueOn")),
                        LocalDate.parse(a.getString("dueSoonFrom"))));
            }
        }
        return out.stream().sorted(Comparator.comparing(ScheduleAnchor::from)).toList();
    }

    /** The form kept in a_schedule and a_pledge.schedule (the same as the event's). */
    public static String toJson(List<ScheduleAnchor> anchors) {
        JsonArray out = new JsonArray();
        anchors.forEach(a -> out.add(new JsonObject().put("from", a.from().toString()).put("dueOn", a.dueOn().toString())
                .put("dueSoonFrom", a.dueSoonFrom().toString())));
        return out.encode();
    }

    public static List<ScheduleAnchor> fromJson(String json) {
        return json == null ? List.of() : of(new JsonArray(json));
    }
}

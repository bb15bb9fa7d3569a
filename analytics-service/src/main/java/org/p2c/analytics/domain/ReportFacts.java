package org.p2c.analytics.domain;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What a country brief needs of one submitted progress report: when it was submitted and superseded (their UTC days
 * are what count), the pledge's completion status it states and the categories it names.
 */
public record ReportFacts(String id, Instant submittedAt, Instant supersededAt, String completionStatus,
                          List<String> challengeCategories, List<String> solutionCategories) {

    public LocalDate submittedDay() {
        return submittedAt.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Null while it is in force. */
    public LocalDate supersededDay() {
        return supersededAt == null ? null : supersededAt.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** The form kept in a_pledge.reports: the reports as last applied, so a pledge's old contribution can be recomputed. */
    public static String toJson(List<ReportFacts> reports) {
        JsonArray out = new JsonArray();
        for (ReportFacts r : reports) {
            out.add(new JsonObject().put("id", r.id()).put("submittedAt", r.submittedAt().toString())
                    .put("supersededAt", r.supersededAt() == null ? null : r.supersededAt().toString())
                    .put("completionStatus", r.completionStatus())
                    .put("challengeCategories", new JsonArray(r.challengeCategories()))
                    .put("solutionCategories", new JsonArray(r.solutionCategories())));
        }
        return out.encode();
    }

    public static List<ReportFacts> fromJson(String json) {
        List<ReportFacts> reports = new ArrayList<>();
        for (Object o : new JsonArray(json)) {
            JsonObject r = (JsonObject) o;
            String superseded = r.getString("supersededAt");
            reports.add(new ReportFacts(r.getString("id"), Instant.parse(r.getString("submittedAt")),
                    superseded == null ? null : Instant.parse(superseded), r.getString("completionStatus"),
                    r.getJsonArray("challengeCategories").stream().map(String::valueOf).toList(),
                    r.getJsonArray("solutionCategories").stream().map(String::valueOf).toList()));
        }
        return reports;
    }

    boolean submittedBy(LocalDate day) {
        return !submittedDay().isAfter(day);
    }

    boolean supersededBy(LocalDate day) {
        return supersededAt != null && !supersededDay().isAfter(day);
    }
}

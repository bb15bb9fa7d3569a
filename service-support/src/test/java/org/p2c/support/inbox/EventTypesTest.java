package org.p2c.support.inbox;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The types consumers handle are the contract's, and the contract's required fields are what a handled event must carry. */
class EventTypesTest {

    @Test
    void theSnapshotTypesAreExactlyTheTypesTheContractListsForEachTopic() throws IOException {
        String asyncApi;
        try (InputStream in = EventTypes.class.getResourceAsStream("/p2c-events/asyncapi.yaml")) {
            asyncApi = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(EventTypes.ENTITY_SNAPSHOTS.names()).isEqualTo(typesIn(asyncApi, "entity"));
        assertThat(EventTypes.PLEDGE_SNAPSHOTS.names()).isEqualTo(typesIn(asyncApi, "pledge"));
        assertThat(EventTypes.REPORT_SNAPSHOTS.and(EventTypes.REPORTING_SCHEDULES).and(EventTypes.REPORT_REMINDERS).names()).isEqualTo(typesIn(asyncApi, "report"));
    }

    @Test
    void aHandledEventMustCarryTheRequiredFieldsOfItsSchemaNonNullAndOfTheirType() {
        JsonObject complete = new JsonObject("""
                {"id":"3f1c1f0e-8a4b-4d7e-9d55-0f8e4a1b2c3d","version":2,"pledgeId":"3f1c1f0e-8a4b-4d7e-9d55-0f8e4a1b2c3e",
                 "pledgerEntityId":"3f1c1f0e-8a4b-4d7e-9d55-0f8e4a1b2c3f","status":"SUBMITTED","asOfDate":"2024-06-30",
                 "submittedAt":"2024-07-01T10:00:00Z","completionStatus":"IN_PROGRESS","challengeCategories":[],
                 "solutionCategories":[],"updatedAt":"2024-07-01T10:00:00Z","aFieldAddedLater":"ignored"}""");
        EventTypes.REPORT_SNAPSHOTS.checkRequiredFields("p2c.report.submitted.v1", complete);
        // An enum value this consumer does not know yet is an additive change, not a poison event.
        EventTypes.REPORT_SNAPSHOTS.checkRequiredFields("p2c.report.submitted.v1", complete.copy().put("completionStatus", "SOMETHING_NEW"));

        assertThatThrownBy(() -> EventTypes.REPORT_SNAPSHOTS.checkRequiredFields("p2c.report.submitted.v1", without(complete, "pledgeId")))
                .isInstanceOf(PoisonEvent.class).hasMessageContaining("data.pledgeId").hasMessageContaining("missing");
        assertThatThrownBy(() -> EventTypes.REPORT_SNAPSHOTS.checkRequiredFields("p2c.report.submitted.v1", complete.copy().putNull("status")))
                .isInstanceOf(PoisonEvent.class).hasMessageContaining("data.status").hasMessageContaining("null");
        assertThatThrownBy(() -> EventTypes.REPORT_SNAPSHOTS.checkRequiredFields("p2c.report.submitted.v1", complete.copy().put("version", "2")))
                .isInstanceOf(PoisonEvent.class).hasMessageContaining("data.version").hasMessageContaining("integer");
        assertThatThrownBy(() -> EventTypes.REPORT_SNAPSHOTS.checkRequiredFields("p2c.report.submitted.v1", complete.copy().put("challengeCategories", "x")))
                .isInstanceOf(PoisonEvent.class).hasMessageContaining("data.challengeCategories");
    }

    @Test
    void aConsumerMayHandleSomeOfATopicsTypesButNoneOutsideTheContract() {
        EventTypes submitted = EventTypes.REPORT_SNAPSHOTS.only("p2c.report.submitted.v1");
        assertThat(submitted.contains("p2c.report.submitted.v1")).isTrue();
        assertThat(submitted.contains("p2c.report.superseded.v1")).isFalse();
        assertThatThrownBy(() -> EventTypes.REPORT_SNAPSHOTS.only("p2c.report.something-new.v1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTopicOfTwoDataSchemasChecksEachTypeAgainstItsOwn() {
        EventTypes reports = EventTypes.REPORT_SNAPSHOTS.and(EventTypes.REPORTING_SCHEDULES);
        JsonObject schedule = new JsonObject("""
                {"pledgeId":"3f1c1f0e-8a4b-4d7e-9d55-0f8e4a1b2c3e","version":3,"updatedAt":"2025-07-10T08:00:00Z",
                 "anchors":[{"from":"2024-07-15","dueOn":"2025-07-15","dueSoonFrom":"2025-06-15"}]}""");
        reports.checkRequiredFields("p2c.report.schedule-changed.v1", schedule);
        // A schedule is not read by the report snapshot's schema, nor a report by the schedule's.
        assertThatThrownBy(() -> reports.checkRequiredFields("p2c.report.schedule-changed.v1", without(schedule, "anchors")))
                .isInstanceOf(PoisonEvent.class).hasMessageContaining("anchors").hasMessageContaining("reporting-schedule.v1.json");
        assertThatThrownBy(() -> reports.checkRequiredFields("p2c.report.submitted.v1", schedule))
                .isInstanceOf(PoisonEvent.class).hasMessageContaining("report-snapshot.v1.json");
        assertThat(EventTypes.REPORT_SNAPSHOTS.contains("p2c.report.schedule-changed.v1")).isFalse();
    }

    private static JsonObject without(JsonObject data, String field) {
        JsonObject copy = data.copy();
        copy.remove(field);
        return copy;
    }

    private static Set<String> typesIn(String asyncApi, String aggregate) {
        Matcher types = Pattern.compile("p2c\\." + aggregate + "\\.[a-z-]+\\.v1").matcher(asyncApi);
        Set<String> found = new TreeSet<>();
        while (types.find()) {
            found.add(types.group());
        }
        assertThat(found).as("types of %s in asyncapi.yaml", aggregate).isNotEmpty();
        return found;
    }
}

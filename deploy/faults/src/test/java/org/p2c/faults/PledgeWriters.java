package org.p2c.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writers that push pledges through pledge-service as a pledger and the Secretariat would: draft, submit, validate.
 * A pledge is an <em>acknowledged write</em> once its validation answered 200 — from then on every consumer must show
 * it. A step that fails (a killed service, PostgreSQL away) is not retried: that pledge is simply not acknowledged.
 */
final class PledgeWriters implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** At most one pledge per writer in this time. */
    private static final Duration PACE = Duration.ofMillis(250);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String pledgeService;
    private final String pledger;
    private final String secretariat;
    private final String entityId;
    private final String country;
    private final Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failedSteps = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private PledgeWriters(String pledgeService, String pledger, String secretariat, String entityId, String country) {
        this.pledgeService = pledgeService;
        this.pledger = pledger;
        this.secretariat = secretariat;
        this.entityId = entityId;
        this.country = country;
    }

    /** {@code count} writers, each drafting, submitting and validating pledges for {@code country}, one after another. */
    static PledgeWriters start(int count, String pledgeService, String pledger, String secretariat, String entityId,
                               String country) {
        PledgeWriters writers = new PledgeWriters(pledgeService, pledger, secretariat, entityId, country);
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(writers::loop, "writer-" + country + "-" + i);
            t.setDaemon(true);
            writers.threads.add(t);
            t.start();
        }
        return writers;
    }

    Set<UUID> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    int ackedCount() {
        return acknowledged.size();
    }

    int failedSteps() {
        return failedSteps.get();
    }

    private void loop() {
        int n = 0;
        while (running) {
            // Paced: the backlog a fault leaves must not depend on how fast the machine happens to be (unpaced, one
            // writer acknowledged 2000 pledges in 45 s on a quiet machine, and analytics needed over 2 min for them).
            long next = System.nanoTime() + PACE.toNanos();
            try {
                UUID id = UUID.fromString(call(pledger, "/api/v1/pledges", draft(country + " fault suite pledge " + (++n)), 201)
                        .get("id").asText());
                call(pledger, "/api/v1/pledges/" + id + "/submission", Map.of(), 200);
                call(secretariat, "/api/v1/pledges/" + id + "/validation", Map.of("comment", "fault suite"), 200);
                acknowledged.add(id);
                Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
            } catch (StepFailed | IOException e) {
                failedSteps.incrementAndGet();
                // Don't hammer a service that is down: the next attempt waits for the connect timeout or this.
                pause();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private JsonNode call(String token, String path, Object body, int expected) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(pledgeService + path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new StepFailed(path + " answered " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A complete programmatic pledge (nothing missing for submission) for one country of Asia-Pacific. */
    Map<String, Object> draft(String title) {
        return Map.of("pledgerEntityId", entityId, "content", Map.ofEntries(
                Map.entry("title", title),
                Map.entry("description", "Connect rural schools to broadband and train their teachers."),
                Map.entry("expectedImpact", "120 schools online, 600 teachers trained; reported yearly."),
                Map.entry("types", List.of("PROGRAMMATIC")),
                Map.entry("pillars", List.of("INFRASTRUCTURE", "SKILLS")),
                Map.entry("global", false),
                Map.entry("countries", List.of(country)),
                Map.entry("regions", List.of()),
                Map.entry("primaryRegion", "ASIA_PACIFIC"),
                Map.entry("beneficiaryGroups", List.of("STUDENTS", "RURAL_AND_REMOTE_COMMUNITIES")),
                Map.entry("sdgs", List.of(4, 9)),
                Map.entry("targets", List.of("ACC-SCHOOLS")),
                Map.entry("startDate", "2025-01-01"),
                Map.entry("endDate", "2028-12-31")));
    }

    /** Stops the writers after their current step; returns once they have. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(30).toMillis());
        }
    }

    private static final class StepFailed extends RuntimeException {
        StepFailed(String message) {
            super(message, null, false, false);
        }
    }
}

package org.p2c.support.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.p2c.support.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} semantics of the API conventions for POSTs that partner systems send: the same key with
 * the same body gets the first answer again (nothing is done twice), the same key with another body is a 422, and
 * a key whose first request is still being processed is a 409 with {@code Retry-After}. Keys belong to the caller
 * (another caller's same key is another key) and are kept {@value #KEPT_HOURS} hours; the API document says so from
 * these constants (service-support's {@code openapi.RequestHeaders}).
 */
@ApplicationScoped
public class Idempotency {

    /** The request header that carries the key. */
    public static final String HEADER = "Idempotency-Key";
    /** A key is 1 to this many characters, not all blank. */
    public static final int MAX_KEY_LENGTH = 255;
    /** How long a key is remembered (at least: the cleanup runs hourly). */
    public static final int KEPT_HOURS = 48;
    /** What a request whose key is still in flight is told to wait before retrying. */
    public static final int IN_FLIGHT_RETRY_AFTER_SECONDS = 1;

    /** A completed answer: the status and the JSON body to send again. */
    public record Answer(int status, String body) {
    }

    private final EntityManager em;
    private final ObjectMapper json;

    public Idempotency(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /**
     * Runs {@code work} once per (caller, key). {@code work} commits its own changes; its answer is recorded after
     * it returned. If it fails unexpectedly the key is released, so that a retry runs it again.
     */
    public Answer once(String caller, String key, Object request, Supplier<Answer> work) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalidField(400, HEADER, "is required, at most " + MAX_KEY_LENGTH + " characters");
        }
        String hash = hash(request);
        List<?> existing = QuarkusTransaction.requiringNew().call(() -> {
            int claimed = em.createNativeQuery("""
                            insert into idempotency_record (caller, key, request_hash, state, created_at)
                            values (?1, ?2, ?3, 'IN_FLIGHT', now()) on conflict do nothing""")
                    .setParameter(1, caller).setParameter(2, key).setParameter(3, hash).executeUpdate();
            return claimed == 1 ? List.of() : em.createNativeQuery(
                            "select request_hash, state, status, body from idempotency_record where caller = ?1 and key = ?2")
                    .setParameter(1, caller).setParameter(2, key).getResultList();
        });
        if (!existing.isEmpty()) {
            Object[] row = (Object[]) existing.get(0);
            if (!hash.equals(row[0])) {
                throw reused();
            }
            if ("IN_FLIGHT".equals(row[1])) {
                throw inFlight();
            }
            return new Answer(((Number) row[2]).intValue(), (String) row[3]);
        }
        Answer answer;
        try {
            answer = work.get();
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                            "delete from idempotency_record where caller = ?1 and key = ?2")
                    .setParameter(1, caller).setParameter(2, key).executeUpdate());
            throw e;
        }
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        update idempotency_record set state = 'COMPLETED', status = ?3, body = ?4
                        where caller = ?1 and key = ?2""")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, answer.status())
                .setParameter(4, answer.body()).executeUpdate());
        return answer;
    }

    /** The 422 of a key used again with another body. */
    public static ProblemException reused() {
        return new ProblemException(422, "idempotency-key-reused", "Idempotency key reused",
                "This " + HEADER + " was used with another request body; use a new key for a new request");
    }

    /** The 409 of a key whose first request is still being processed. */
    public static ProblemException inFlight() {
        return new ProblemException(409, "idempotency-key-in-flight", "Request in progress",
                "The first request with this " + HEADER + " is still being processed; retry shortly")
                .retryAfter(IN_FLIGHT_RETRY_AFTER_SECONDS);
    }

    public String toJson(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Scheduled(every = "1h", delayed = "5m")
    void forgetOldKeys() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "delete from idempotency_record where created_at < now() - make_interval(hours => ?1)")
                .setParameter(1, KEPT_HOURS).executeUpdate());
    }

    private String hash(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.p2c.support.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.p2c.support.metrics.Metrics;
import org.p2c.support.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} semantics of the API conventions for POSTs that partner systems send: the same key with
 * the same body gets the first answer again (nothing is done twice), the same key with another body is a 422, and
 * a key whose first request is still being processed is a 409 with {@code Retry-After}. Keys belong to the caller
 * (another caller's same key is another key) and are kept {@value #KEPT_HOURS} hours; the API document says so from
 * these constants (service-support's {@code openapi.RequestHeaders}).
 *
 * <p>A request claims its key for a lease ({@code p2c.idempotency.lease}) that it renews while it runs; a key whose
 * request died (the process crashed, say) is taken over by a retry once the lease lapsed. Work that commits item by
 * item records each item's outcome through an {@link ItemLog}, in the item's own transaction: a retry after a
 * failure part-way answers the items already done as they were and does the rest. A request that fails after items
 * were done is answered 503 with Retry-After, never a 500; a retry with the same key and body completes it.
 *
 * <p>Tables: {@code idempotency_record} (service-support's db/support) with its lease columns, and
 * {@code idempotency_item}; a service that uses this creates the latter two in its own migrations (pledge-service
 * V8, reporting-service V5), as a support migration numbered V0_x would come before migrations already applied.
 *
 * <p>Counted as {@value #REQUESTS} by what the key made of the request ({@link Claimed}): a first execution, a replay
 * of the recorded answer, a conflict (the key reused with another body), an in-progress answer (409), or a request
 * resumed after one that died or failed part-way.
 */
@ApplicationScoped
public class Idempotency {

    private static final Logger LOG = Logger.getLogger(Idempotency.class);
    /** The request header that carries the key. */
    public static final String HEADER = "Idempotency-Key";
    /** A key is 1 to this many characters, not all blank. */
    public static final int MAX_KEY_LENGTH = 255;
    /** How long a key is remembered (at least: the cleanup runs hourly). */
    public static final int KEPT_HOURS = 48;
    /** The counter of requests with a key, by {@link Claimed}. */
    public static final String REQUESTS = "p2c.idempotency.requests";

    /** A completed answer: the status and the JSON body to send again. */
    public record Answer(int status, String body) {
    }

    /**
     * The items a request with this key has done so far, by index, for work that commits item by item. Before an
     * item, {@link #done} says whether an earlier attempt committed it; inside the item's transaction, {@link #record}
     * writes its outcome, so that the item's change and its outcome commit together or not at all.
     */
    public final class ItemLog {

        private final String caller;
        private final String key;
        private final UUID holder;
        private final Map<Integer, String> done;

        private ItemLog(String caller, String key, UUID holder, Map<Integer, String> done) {
            this.caller = caller;
            this.key = key;
            this.holder = holder;
            this.done = done;
        }

        /** The outcome an earlier attempt with this key committed for item {@code index}, if it did. */
        public <T> Optional<T> done(int index, Class<T> type) {
            String outcome = done.get(index);
            if (outcome == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(json.readValue(outcome, type));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * Records item {@code index}'s outcome in the current transaction, which must be the item's own. Only the
         * request holding the claim records: the key-share lock on the claim keeps a takeover (which locks it for
         * update) waiting until this transaction ended, so that the taker sees every item committed before it took
         * over, and a request whose claim was taken over stops here (its item rolls back) instead of doing an item
         * twice. The lease renewal's update does not wait for it.
         */
        public void record(int index, Object outcome) {
            if (!QuarkusTransaction.isActive()) {
                throw new IllegalStateException("An item's outcome is recorded in the item's own transaction");
            }
            List<?> holders = em.createNativeQuery(
                            "select owner from idempotency_record where caller = ?1 and key = ?2 for key share")
                    .setParameter(1, caller).setParameter(2, key).getResultList();
            if (holders.isEmpty() || !holder.equals(holders.get(0))) {
                throw new ClaimTakenOver();
            }
            em.createNativeQuery("insert into idempotency_item (caller, key, item_index, outcome) values (?1, ?2, ?3, ?4)")
                    .setParameter(1, caller).setParameter(2, key).setParameter(3, index)
                    .setParameter(4, toJson(outcome)).executeUpdate();
        }
    }

    /** The claim went to a retry while this request still ran (its lease lapsed): the retry finishes the work. */
    private static final class ClaimTakenOver extends RuntimeException {
        ClaimTakenOver() {
            super("The claim on the Idempotency-Key was taken over by a retry", null, false, false);
        }
    }

    /** What a key made of a request: the {@link Metrics#OUTCOME} of {@value #REQUESTS}. */
    public enum Claimed {
        /** A new key: the work runs. */
        FIRST("first"),
        /** The key's request completed before: its answer again, nothing done. */
        REPLAY("replay"),
        /** The key was used with another body: 422. */
        CONFLICT("conflict"),
        /** The key's first request still runs: 409 with Retry-After. */
        IN_PROGRESS("in_progress"),
        /** The key's request died or failed part-way: this one takes it over and does what is left. */
        RESUMED("resumed");

        private final String label;

        Claimed(String label) {
            this.label = label;
        }
    }

    private final EntityManager em;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final Duration lease;
    private final ScheduledExecutorService renewals;

    public Idempotency(EntityManager em, ObjectMapper json, MeterRegistry metrics,
                       @ConfigProperty(name = "p2c.idempotency.lease", defaultValue = "30S") Duration lease) {
        this.em = em;
        this.json = json;
        this.metrics = metrics;
        this.lease = lease;
        this.renewals = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "idempotency-lease-renewal");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs {@code work} once per (caller, key). {@code work} commits its own changes; its answer is recorded after
     * it returned. If it fails the key is released, so that a retry runs it again; if the process dies, a retry runs
     * it again once the lease lapsed. Work that commits more than one change records them with the other form.
     */
    public Answer once(String caller, String key, Object request, Supplier<Answer> work) {
        return once(caller, key, request, (ItemLog items) -> work.get());
    }

    /**
     * Runs {@code work} once per (caller, key), item by item: {@code work} skips the items {@link ItemLog#done} names
     * (answering their recorded outcome) and {@link ItemLog#record records} each item it commits. If it fails before
     * any item was done, the key is released and the failure propagates; after items were done, the claim is
     * released for a retry at once and the answer is a 503 with Retry-After.
     */
    public Answer once(String caller, String key, Object request, Function<ItemLog, Answer> work) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalidField(400, HEADER, "is required, at most " + MAX_KEY_LENGTH + " characters");
        }
        String hash = hash(request);
        Claim claim;
        try {
            claim = claim(caller, key, hash);
        } catch (ProblemException refused) {
            count(refused.status() == 422 ? Claimed.CONFLICT : Claimed.IN_PROGRESS);
            throw refused;
        }
        count(claim.how());
        if (claim.answer() != null) {
            return claim.answer();
        }
        UUID holder = claim.holder();
        long every = Math.max(lease.toMillis() / 3, 1);
        ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> renew(caller, key, holder), every, every,
                TimeUnit.MILLISECONDS);
        Answer answer;
        try {
            answer = work.apply(new ItemLog(caller, key, holder, claim.done()));
        } catch (RuntimeException failure) {
            throw afterFailure(caller, key, holder, failure);
        } finally {
            renewal.cancel(false);
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                            update idempotency_record set state = 'COMPLETED', status = ?4, body = ?5, lease_until = null
                            where caller = ?1 and key = ?2 and owner = ?3""")
                    .setParameter(1, caller).setParameter(2, key).setParameter(3, holder)
                    .setParameter(4, answer.status()).setParameter(5, answer.body()).executeUpdate());
        } catch (RuntimeException bookkeeping) {
            // The work is done and its items recorded: answer it; a retry (at once if the release passes, else
            // after the lease) builds the same answer from the items' outcomes.
            LOG.warnf(bookkeeping, "Answer for Idempotency-Key %s of %s not recorded; a retry rebuilds it", key, caller);
            release(caller, key, holder);
        }
        return answer;
    }

    private record Claim(UUID holder, Map<Integer, String> done, Answer answer, Claimed how) {
    }

    /** Claims the key (new, or taken over from a request whose lease lapsed), or answers what the key already has. */
    private Claim claim(String caller, String key, String hash) {
        UUID holder = UUID.randomUUID();
        for (int attempt = 0; ; attempt++) {
            Claim claim = QuarkusTransaction.requiringNew().call(() -> {
                int claimed = em.createNativeQuery("""
                                insert into idempotency_record (caller, key, request_hash, state, created_at, owner, lease_until)
                                values (?1, ?2, ?3, 'IN_FLIGHT', now(), ?4, now() + make_interval(secs => ?5))
                                on conflict do nothing""")
                        .setParameter(1, caller).setParameter(2, key).setParameter(3, hash).setParameter(4, holder)
                        .setParameter(5, leaseSeconds()).executeUpdate();
                if (claimed == 1) {
                    return new Claim(holder, Map.of(), null, Claimed.FIRST);
                }
                List<?> existing = em.createNativeQuery("""
                                select request_hash, state, status, body, coalesce(lease_until > now(), false),
                                       cast(greatest(1, ceil(extract(epoch from lease_until - now()))) as integer)
                                from idempotency_record where caller = ?1 and key = ?2 for update""")
                        .setParameter(1, caller).setParameter(2, key).getResultList();
                if (existing.isEmpty()) {
                    return null; // forgotten a moment ago: claim it anew
                }
                Object[] row = (Object[]) existing.get(0);
                if (!hash.equals(row[0])) {
                    throw reused();
                }
                if ("COMPLETED".equals(row[1])) {
                    return new Claim(null, Map.of(), new Answer(((Number) row[2]).intValue(), (String) row[3]), Claimed.REPLAY);
                }
                if ((Boolean) row[4]) {
                    throw inFlight(((Number) row[5]).intValue());
                }
                // The request holding the key died or gave up: take it over, with what it had done.
                em.createNativeQuery("""
                                update idempotency_record set owner = ?3, lease_until = now() + make_interval(secs => ?4)
                                where caller = ?1 and key = ?2""")
                        .setParameter(1, caller).setParameter(2, key).setParameter(3, holder)
                        .setParameter(4, leaseSeconds()).executeUpdate();
                Map<Integer, String> done = new HashMap<>();
                for (Object item : em.createNativeQuery(
                                "select item_index, outcome from idempotency_item where caller = ?1 and key = ?2")
                        .setParameter(1, caller).setParameter(2, key).getResultList()) {
                    Object[] columns = (Object[]) item;
                    done.put(((Number) columns[0]).intValue(), (String) columns[1]);
                }
                return new Claim(holder, Map.copyOf(done), null, Claimed.RESUMED);
            });
            if (claim != null) {
                return claim;
            }
            if (attempt == 2) {
                throw inFlight(1);
            }
        }
    }

    /**
     * After {@code work} failed: a request that did nothing gives the key back (a retry starts afresh) and its
     * failure stands; one that did items releases its claim for a retry at once and is answered 503 Retry-After.
     */
    private RuntimeException afterFailure(String caller, String key, UUID holder, RuntimeException failure) {
        if (takenOver(failure)) {
            count(Claimed.IN_PROGRESS);
            return inFlight((int) Math.ceil(leaseSeconds()));
        }
        boolean itemsDone;
        try {
            itemsDone = QuarkusTransaction.requiringNew().call(() -> {
                boolean any = !em.createNativeQuery(
                                "select 1 from idempotency_item where caller = ?1 and key = ?2 limit 1")
                        .setParameter(1, caller).setParameter(2, key).getResultList().isEmpty();
                em.createNativeQuery(any
                                ? "update idempotency_record set lease_until = now() where caller = ?1 and key = ?2 and owner = ?3"
                                : "delete from idempotency_record where caller = ?1 and key = ?2 and owner = ?3")
                        .setParameter(1, caller).setParameter(2, key).setParameter(3, holder).executeUpdate();
                return any;
            });
        } catch (RuntimeException bookkeeping) {
            // Whether items were done is unknown: the retry waits for the lease to lapse, then resumes.
            failure.addSuppressed(bookkeeping);
            LOG.errorf(failure, "Request with Idempotency-Key %s of %s failed, and so did releasing the key", key, caller);
            return incomplete((int) Math.ceil(leaseSeconds()));
        }
        if (!itemsDone) {
            return failure;
        }
        LOG.errorf(failure, "Request with Idempotency-Key %s of %s failed after items were done; a retry resumes it", key, caller);
        return incomplete(1);
    }

    /** Ends the lease now, best effort, so that a retry takes the key over at once. */
    private void release(String caller, String key, UUID holder) {
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                            "update idempotency_record set lease_until = now() where caller = ?1 and key = ?2 and owner = ?3")
                    .setParameter(1, caller).setParameter(2, key).setParameter(3, holder).executeUpdate());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Lease on Idempotency-Key %s of %s not released; it lapses on its own", key, caller);
        }
    }

    private void renew(String caller, String key, UUID holder) {
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                            update idempotency_record set lease_until = now() + make_interval(secs => ?4)
                            where caller = ?1 and key = ?2 and owner = ?3 and state = 'IN_FLIGHT'""")
                    .setParameter(1, caller).setParameter(2, key).setParameter(3, holder)
                    .setParameter(4, leaseSeconds()).executeUpdate());
        } catch (RuntimeException e) {
            // The next renewal may pass; if none does, the lease lapses and a retry takes over.
            LOG.warnf(e, "Lease on Idempotency-Key %s of %s not renewed", key, caller);
        }
    }

    private static boolean takenOver(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ClaimTakenOver) {
                return true;
            }
        }
        return false;
    }

    /** The 422 of a key used again with another body. */
    public static ProblemException reused() {
        return new ProblemException(422, "idempotency-key-reused", "Idempotency key reused",
                "This " + HEADER + " was used with another request body; use a new key for a new request");
    }

    /** The 409 of a key whose first request is still being processed: retry once its lease may have lapsed. */
    public static ProblemException inFlight(int secondsLeft) {
        return new ProblemException(409, "idempotency-key-in-flight", "Request in progress",
                "The first request with this " + HEADER + " is still being processed; retry shortly")
                .retryAfter(secondsLeft);
    }

    /** The 503 of a request that failed after some of its items were done: a retry with the key completes it. */
    public static ProblemException incomplete(int retryAfter) {
        return new ProblemException(503, "request-incomplete", "Request incomplete",
                "The request failed part-way; retry it with the same " + HEADER + " and body: the items already done"
                        + " are answered as they were, the rest are done then")
                .retryAfter(retryAfter);
    }

    private void count(Claimed how) {
        metrics.counter(REQUESTS, Metrics.OUTCOME, how.label).increment();
    }

    private double leaseSeconds() {
        return lease.toMillis() / 1000.0;
    }

    @PreDestroy
    void stopRenewals() {
        renewals.shutdownNow();
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

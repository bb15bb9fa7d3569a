package org.p2c.gateway.protection;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.p2c.gateway.GatewayConfig;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets per caller: per client id ({@code azp}) for tokens, per client IP for anonymous calls. Each bucket
 * holds a minute's budget and refills continuously, so a burst of a full minute's budget is allowed and then
 * calls are spread out.
 *
 * <p>In memory and per gateway instance: with N replicas a caller gets up to N times the budget. That is the
 * intended trade-off (no shared store on the request path); the limits protect the services from floods, they
 * are not a billing quota.
 */
@ApplicationScoped
public class RateLimiter {

    /** A bucket untouched this long is full again and can be forgotten. */
    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(2);

    /** The caller a request is counted against, and that caller's budget per minute. */
    public record Key(String id, int perMinute) {
    }

    /**
     * A caller's budget after one call: calls a minute, calls left now, seconds until the bucket is full again, and
     * for a refused call the seconds until the next one is allowed (0 when this one was).
     */
    public record Budget(int limit, int remaining, long resetSeconds, long retryAfterSeconds) {

        public boolean allowed() {
            return retryAfterSeconds == 0;
        }
    }

    private final GatewayConfig.RateLimit config;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final long sweeper;

    public RateLimiter(GatewayConfig gateway, Vertx vertx) {
        this.config = gateway.rateLimit();
        this.vertx = vertx;
        this.sweeper = vertx.setPeriodic(TimeUnit.MINUTES.toMillis(1), id -> sweep());
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(sweeper);
    }

    public Key keyOf(SecurityIdentity identity, String clientIp) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return new Key("ip:" + clientIp, config.anonymousPerMinute());
        }
        String client = token.<String>getClaim("azp");
        if (client == null) {
            client = token.<String>getClaim("client_id");
        }
        if (client == null) {
            return new Key("subject:" + token.getSubject(), config.clientPerMinute());
        }
        int limit = config.clients().getOrDefault(client, config.clientPerMinute());
        if (config.perPersonClients().contains(client)) {
            return new Key("client:" + client + ":" + token.getSubject(), limit);
        }
        return new Key("client:" + client, limit);
    }

    /** Takes one call from the caller's budget, if there is one left, and tells what is left. */
    public Budget acquire(Key key) {
        Bucket bucket = buckets.computeIfAbsent(key.id(), k -> new Bucket(key.perMinute(), System.nanoTime()));
        return bucket.take(key.perMinute(), System.nanoTime());
    }

    private void sweep() {
        long now = System.nanoTime();
        buckets.values().removeIf(b -> b.idleSince(now) > IDLE_NANOS);
    }

    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.updated = now;
        }

        synchronized Budget take(int perMinute, long now) {
            double perNano = perMinute / (double) TimeUnit.MINUTES.toNanos(1);
            tokens = Math.min(perMinute, tokens + (now - updated) * perNano);
            updated = now;
            long retryAfter = 0;
            if (tokens >= 1) {
                tokens -= 1;
            } else {
                retryAfter = Math.max(1, seconds((1 - tokens) / perNano));
            }
            return new Budget(perMinute, (int) Math.floor(tokens), seconds((perMinute - tokens) / perNano), retryAfter);
        }

        /** Whole seconds, rounded up; never more than the minute a budget takes to refill (rounding aside). */
        private static long seconds(double nanos) {
            return Math.min(60, (long) Math.ceil(nanos / TimeUnit.SECONDS.toNanos(1)));
        }

        synchronized long idleSince(long now) {
            return now - updated;
        }
    }
}

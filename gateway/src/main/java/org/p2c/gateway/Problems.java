package org.p2c.gateway;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * The gateway's own error answers, RFC 9457 {@code application/problem+json} shaped exactly like the services'
 * ({@code org.p2c.support.problem.Problem}), so a client handles one error format whoever answered. Each answer the
 * gateway gives has its factory here, which the API document's examples use too (openapi/GatewayAnswers).
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://p2c.example/problems/";

    private Problems() {
    }

    /** 401: a token was sent and is not valid. */
    public static JsonObject invalidToken(String instance) {
        return problem(401, "unauthorized", "Unauthorized",
                "The bearer token is not valid for this API (signature, issuer, audience or expiry)", instance);
    }

    /** 413: a body over the gateway's limit. */
    public static JsonObject bodyTooLarge(long maxBytes, String instance) {
        return problem(413, "body-too-large", "Request body too large",
                "The body may have at most " + maxBytes + " bytes", instance);
    }

    /** 429: the caller's budget is spent. */
    public static JsonObject rateLimited(int perMinute, long retryAfterSeconds, String instance) {
        return problem(429, "rate-limited", "Too many requests",
                "At most " + perMinute + " calls a minute; retry after " + retryAfterSeconds + " s", instance);
    }

    /** 502: the service refused or dropped the connection. */
    public static JsonObject upstreamUnavailable(String service, String instance) {
        return problem(502, "upstream-unavailable", "Bad Gateway",
                "The " + service + " is not reachable; try again later", instance);
    }

    /** 504: the service did not answer in time. */
    public static JsonObject upstreamTimeout(String service, String instance) {
        return problem(504, "upstream-timeout", "Gateway Timeout",
                "The " + service + " did not answer in time; try again later", instance);
    }

    /**
     * 500: a failure of the gateway's own that nobody foresaw: an incident id to quote and the request's trace id
     * (the {@code traceId} member, as the services' {@code Problem} has it), nothing internal.
     */
    public static JsonObject incident(String incident, String traceId, String instance) {
        JsonObject problem = problem(500, "internal", "Internal error",
                "Something went wrong on our side; quote incident " + incident, instance);
        if (traceId != null) {
            problem.put("traceId", traceId);
        }
        return problem;
    }

    public static JsonObject problem(int status, String slug, String title, String detail, String instance) {
        JsonObject problem = new JsonObject()
                .put("type", TYPE_BASE + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        return problem;
    }

    public static void send(HttpServerResponse response, int status, String slug, String title, String detail,
                            String instance) {
        send(response, problem(status, slug, title, detail, instance));
    }

    public static void send(HttpServerResponse response, JsonObject problem) {
        response.setStatusCode(problem.getInteger("status"))
                .putHeader("Content-Type", MEDIA_TYPE)
                .end(problem.toBuffer());
    }
}

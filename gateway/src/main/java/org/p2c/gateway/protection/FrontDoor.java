package org.p2c.gateway.protection;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.p2c.gateway.Problems;
import org.p2c.gateway.routing.RouteTable;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What every answer of the gateway carries, whoever produced it (a service, the gateway, the 401 of a bad token):
 * a request id, security headers and a line in the access log. Runs before CORS and authentication.
 */
@ApplicationScoped
public class FrontDoor {

    public static final String REQUEST_ID = "X-Request-Id";
    /** Routing context keys the proxy fills in for the access log. */
    public static final String SERVICE_KEY = "p2c.service";
    public static final String CALLER_KEY = "p2c.caller";

    /** Before Quarkus' CORS (-300) and authentication (-200) filters, so their answers carry the headers too. */
    static final int ORDER = -1000;

    /** The services' limits (service-support's RequestLimits): a URI's characters, all headers' characters. */
    static final int MAX_URI_LENGTH = 8192;
    static final int MAX_HEADER_BYTES = 20 * 1024;

    private static final Logger ACCESS = Logger.getLogger("org.p2c.gateway.access");
    private static final Logger LOG = Logger.getLogger(FrontDoor.class);
    /** A caller's own id is kept only if it cannot break a log line or a header. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
        router.route().failureHandler(FrontDoor::failed);
    }

    void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String given = request.getHeader(REQUEST_ID);
        String requestId = given != null && SAFE_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        // Set on the request too: the proxy passes request headers on, so the service logs the same id.
        request.headers().set(REQUEST_ID, requestId);
        long start = System.nanoTime();
        boolean api = request.path() != null && request.path().startsWith(RouteTable.PREFIX);

        rc.addHeadersEndHandler(v -> securityHeaders(rc.response().headers(), requestId, api));
        rc.addEndHandler(done -> {
            if (request.path() != null && request.path().startsWith("/q/")) {
                return; // probes and scrapes every few seconds would drown the log
            }
            ACCESS.infof("%s %s %d %dms %db service=%s caller=%s request-id=%s", request.method(), request.path(),
                    rc.response().getStatusCode(), (System.nanoTime() - start) / 1_000_000,
                    rc.response().bytesWritten(), rc.get(SERVICE_KEY, "-"), rc.get(CALLER_KEY, "-"), requestId);
        });
        if (tooLarge(rc)) {
            return;
        }
        rc.next();
    }

    /**
     * A request line or headers over the limits is answered 414 or 431 as a problem, with the same limits as the
     * services' (service-support's RequestLimits), so whatever the gateway passes on a service takes. Vert.x would
     * answer both itself with an empty body; its own limits are set higher (application.properties) to let these
     * answer, and still bound what a connection can make the gateway hold.
     */
    private static boolean tooLarge(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        int status = 0;
        String detail = null;
        if (request.uri() != null && request.uri().length() > MAX_URI_LENGTH) {
            status = 414;
            detail = "The request URI may have at most " + MAX_URI_LENGTH + " characters";
        } else {
            long bytes = 0;
            for (var header : request.headers()) {
                bytes += header.getKey().length() + 2 + header.getValue().length() + 2;
            }
            if (bytes > MAX_HEADER_BYTES) {
                status = 431;
                detail = "The request headers may have at most " + MAX_HEADER_BYTES + " characters in all";
            }
        }
        if (status == 0) {
            return false;
        }
        String path = request.path() == null || request.path().length() > MAX_URI_LENGTH ? null : request.path();
        rc.response().putHeader("Connection", "close");
        Problems.send(rc.response(), status, status == 414 ? "uri-too-long" : "headers-too-large",
                status == 414 ? "URI Too Long" : "Request Header Fields Too Large", detail, path);
        return true;
    }

    private static void securityHeaders(MultiMap headers, String requestId, boolean api) {
        headers.set(REQUEST_ID, requestId);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        if (api) {
            // API answers are data, never a page: nothing in them may load or run anything. (Swagger UI under
            // /q/ needs its scripts, so it keeps its own policy.)
            headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        }
    }

    /**
     * A present but invalid token (signature, issuer, audience, expiry): 401 as problem+json, as the services do. A
     * failure nobody foresaw: 500 as problem+json with an incident id and the request's trace id, as the services
     * answer it; the cause goes to the log line, which names the same trace.
     */
    private static void failed(RoutingContext rc) {
        Throwable failure = rc.failure();
        if (rc.response().headWritten()) {
            rc.next();
        } else if (failure instanceof AuthenticationFailedException) {
            // The identity never became valid: do not let anything downstream see a half-authenticated user.
            rc.remove(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
            rc.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            Problems.send(rc.response(), Problems.invalidToken(rc.request().path()));
        } else if (failure == null ? rc.statusCode() < 500 : isSecurity(failure)) {
            // A status a handler chose (rc.fail(4xx)), a challenge or refusal of Quarkus' security: answered by them.
            rc.next();
        } else {
            String incident = UUID.randomUUID().toString();
            LOG.errorf(failure, "incident %s on %s", incident, rc.request().path());
            SpanContext span = Span.current().getSpanContext();
            Problems.send(rc.response(), Problems.incident(incident, span.isValid() ? span.getTraceId() : null,
                    rc.request().path()));
        }
    }

    private static boolean isSecurity(Throwable failure) {
        return failure instanceof SecurityException || failure instanceof AuthenticationException;
    }
}

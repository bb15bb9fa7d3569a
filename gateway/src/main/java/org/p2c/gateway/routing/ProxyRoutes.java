package org.p2c.gateway.routing;

import io.opentelemetry.api.trace.Span;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.p2c.gateway.GatewayConfig;
import org.p2c.gateway.Problems;
import org.p2c.gateway.protection.FrontDoor;
import org.p2c.gateway.protection.RateLimiter;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * {@code /api/v1/**} to the services, through Vert.x' reverse proxy: bodies stream both ways (a CSV export is never
 * held whole), tokens pass on unchanged, the caller's W3C trace ({@code traceparent}, {@code tracestate}) goes on with
 * the gateway's span for the call as the service's parent, and a service that is down or silent gets the caller a
 * problem+json 502 or 504 instead of a hung or empty answer.
 */
@ApplicationScoped
public class ProxyRoutes {

    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);
    /**
     * The caller's budget on every answer (the IETF draft "RateLimit header fields for HTTP"): calls a minute, calls
     * left, seconds until the budget is whole again.
     */
    public static final String RATE_LIMIT_LIMIT = "RateLimit-Limit";
    public static final String RATE_LIMIT_REMAINING = "RateLimit-Remaining";
    public static final String RATE_LIMIT_RESET = "RateLimit-Reset";
    /** What a 502 or 504 asks the caller to wait, as the services' 503 for a database out of reach does. */
    public static final int RETRY_AFTER_SECONDS = 5;
    /** The W3C trace context headers. */
    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";
    /** Marks a request whose streamed body outgrew the limit, so its failure is answered as 413, not 502. */
    private static final String BODY_TOO_LARGE = "p2c.bodyTooLarge";

    private final RouteTable routes;
    private final RateLimiter rateLimiter;
    private final GatewayConfig config;
    private final HttpClient client;
    private final Map<String, HttpProxy> proxies = new HashMap<>();

    public ProxyRoutes(RouteTable routes, RateLimiter rateLimiter, GatewayConfig config, Vertx vertx) {
        this.routes = routes;
        this.rateLimiter = rateLimiter;
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) config.connectTimeout().toMillis())
                        .setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(100));
        routes.services().forEach((name, upstream) -> proxies.put(name, HttpProxy.reverseProxy(client)
                .origin(ctx -> ctx.client().request(new RequestOptions()
                        .setServer(SocketAddress.inetSocketAddress(upstream.port(), upstream.host()))
                        .setHost(upstream.host()).setPort(upstream.port()).setSsl(upstream.ssl())
                        .setConnectTimeout(config.connectTimeout().toMillis())
                        // Idle, not total: a long CSV export keeps flowing, a service that stops answering is cut.
                        .setIdleTimeout(config.responseTimeout().toMillis())))
                .addInterceptor(new Upstream(upstream.service()))));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    void install(@Observes Router router) {
        router.route(RouteTable.PREFIX + "*").handler(this::proxy);
        router.route("/api/v1").handler(rc -> notRouted(rc, rc.request().path()));
    }

    void proxy(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String path = request.path();
        // Route on exactly what the service will see: a path with dot segments or encoded characters could be
        // routed by one reading and served by another.
        if (!path.equals(rc.normalizedPath())) {
            Problems.send(rc.response(), 400, "malformed-path", "Malformed request path",
                    "The path must be normalised (no '.', '..' or encoded characters in segments)", null);
            return;
        }
        var upstream = routes.resolve(path);
        if (upstream.isEmpty()) {
            notRouted(rc, path);
            return;
        }
        rc.put(FrontDoor.SERVICE_KEY, upstream.get().service());

        SecurityIdentity identity = rc.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        RateLimiter.Key caller = rateLimiter.keyOf(identity, request.remoteAddress() == null ? "unknown"
                : request.remoteAddress().hostAddress());
        rc.put(FrontDoor.CALLER_KEY, caller.id());
        RateLimiter.Budget budget = rateLimiter.acquire(caller);
        // On whatever answers the call, the service's or the gateway's: a client can pace itself before a 429.
        rc.addHeadersEndHandler(v -> rc.response().headers()
                .set(RATE_LIMIT_LIMIT, String.valueOf(budget.limit()))
                .set(RATE_LIMIT_REMAINING, String.valueOf(budget.remaining()))
                .set(RATE_LIMIT_RESET, String.valueOf(budget.resetSeconds())));
        if (!budget.allowed()) {
            rc.response().putHeader("Retry-After", String.valueOf(budget.retryAfterSeconds()));
            Problems.send(rc.response(), Problems.rateLimited(caller.perMinute(), budget.retryAfterSeconds(), path));
            return;
        }

        String contentLength = request.getHeader("Content-Length");
        if (contentLength != null && parse(contentLength) > config.maxBodySize().asLongValue()) {
            // Answer before reading: the body is never accepted, and the connection is not reused mid-upload.
            rc.response().putHeader("Connection", "close");
            Problems.send(rc.response(), Problems.bodyTooLarge(config.maxBodySize().asLongValue(), path));
            return;
        }
        proxies.get(upstream.get().service()).handle(request);
    }

    private static void notRouted(RoutingContext rc, String path) {
        Problems.send(rc.response(), 404, "not-found", "Not Found", "No API resource at " + path, path);
    }

    private static long parse(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Per service: forwarding headers, the streamed-body limit, problem+json for failures, CORS left to us. */
    private final class Upstream implements ProxyInterceptor {

        private final String service;

        Upstream(String service) {
            this.service = service;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext ctx) {
            ProxyRequest request = ctx.request();
            HttpServerRequest incoming = request.proxiedRequest();
            String clientIp = incoming.remoteAddress() == null ? null : incoming.remoteAddress().hostAddress();
            if (clientIp != null) {
                String earlier = request.headers().get("X-Forwarded-For");
                request.putHeader("X-Forwarded-For", earlier == null ? clientIp : earlier + ", " + clientIp);
            }
            request.putHeader("X-Forwarded-Proto", incoming.scheme());
            if (Span.current().getSpanContext().isValid()) {
                // The trace goes on through the gateway: Vert.x' tracer gives the request the traceparent (and
                // tracestate) of the gateway's span for this call, a child of the caller's. The caller's own headers
                // would stand beside it, a second traceparent, and the service might take the wrong one.
                request.headers().remove(TRACEPARENT).remove(TRACESTATE);
            }
            if (incoming.authority() != null) {
                request.putHeader("X-Forwarded-Host", incoming.authority().toString());
            }
            Body body = request.getBody();
            if (body != null && body.length() < 0) {
                // No Content-Length (chunked): count while streaming and stop at the limit.
                request.setBody(Body.body(new LimitedStream(body.stream(), config.maxBodySize().asLongValue(),
                        () -> ctx.set(BODY_TOO_LARGE, Boolean.TRUE)), -1));
            }
            return ctx.sendRequest().recover(failure -> Future.succeededFuture(failed(ctx, failure)));
        }

        @Override
        public Future<Void> handleProxyResponse(ProxyContext ctx) {
            // CORS is the gateway's decision (configured origins); a service's own headers would contradict it.
            ctx.response().headers().names().stream()
                    .filter(name -> name.regionMatches(true, 0, "Access-Control-", 0, 15))
                    .toList().forEach(ctx.response().headers()::remove);
            return ctx.sendResponse();
        }

        private ProxyResponse failed(ProxyContext ctx, Throwable failure) {
            String path = ctx.request().proxiedRequest().path();
            int status;
            Buffer body;
            if (Boolean.TRUE.equals(ctx.get(BODY_TOO_LARGE, Boolean.class))) {
                status = 413;
                body = Problems.bodyTooLarge(config.maxBodySize().asLongValue(), path).toBuffer();
            } else if (isTimeout(failure)) {
                status = 504;
                LOG.warnf("%s did not answer %s in time: %s", service, path, failure.getMessage());
                body = Problems.upstreamTimeout(service, path).toBuffer();
            } else {
                status = 502;
                LOG.warnf("%s unreachable for %s: %s", service, path, failure.toString());
                body = Problems.upstreamUnavailable(service, path).toBuffer();
            }
            ProxyResponse response = ctx.request().release().response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", Problems.MEDIA_TYPE)
                    .setBody(Body.body(body));
            if (status == 413) {
                response.putHeader("Connection", "close");
            } else {
                // A service down or silent is usually back within seconds: the caller is told when to try again.
                response.putHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            }
            return response;
        }
    }

    static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }
}

package org.p2c.support.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.p2c.support.problem.Problem;

import java.util.List;
import java.util.Map;

/**
 * How long a request's target and headers may be: a URI of at most {@value #MAX_URI_LENGTH} characters (414
 * otherwise) and headers of at most {@value #MAX_HEADER_BYTES} characters in all (431 otherwise), both answered as a
 * problem like every other refusal. Vert.x would answer both itself, with an empty text body, before any handler of
 * the service runs; so its own limits are set higher (service-support's {@code META-INF/microprofile-config.properties},
 * {@value #BACKSTOP} characters each, still bounding what a connection may make the server hold) and these limits are
 * checked here, first of all routes.
 */
@ApplicationScoped
public class RequestLimits {

    public static final int MAX_URI_LENGTH = 8192;
    public static final int MAX_HEADER_BYTES = 20 * 1024;
    /** The limits Vert.x itself enforces, above these (keep in step with microprofile-config.properties). */
    static final int BACKSTOP = 64 * 1024;

    private final ObjectMapper json;

    public RequestLimits(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    void check(RoutingContext rc) {
        String uri = rc.request().uri();
        if (uri != null && uri.length() > MAX_URI_LENGTH) {
            refuse(rc, 414, "uri-too-long", "URI Too Long",
                    "The request URI may have at most " + MAX_URI_LENGTH + " characters");
        } else if (headerBytes(rc.request().headers()) > MAX_HEADER_BYTES) {
            refuse(rc, 431, "headers-too-large", "Request Header Fields Too Large",
                    "The request headers may have at most " + MAX_HEADER_BYTES + " characters in all");
        } else {
            rc.next();
        }
    }

    /** What the headers take on the wire: each "name: value" line with its line end. */
    public static long headerBytes(MultiMap headers) {
        long bytes = 0;
        for (Map.Entry<String, String> header : headers) {
            bytes += header.getKey().length() + 2 + header.getValue().length() + 2;
        }
        return bytes;
    }

    private void refuse(RoutingContext rc, int status, String slug, String title, String detail) {
        String path = rc.request().path();
        Problem problem = new Problem(Problem.type(slug), title, status, detail,
                path == null || path.length() > MAX_URI_LENGTH ? null : path, List.of());
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException impossible) {
            body = "{\"status\":" + status + "}";
        }
        // The rest of the request is not read: close rather than reuse a connection in an unknown state.
        rc.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close").end(body);
    }
}

package org.p2c.gateway.routing;

import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Names every API call's path template for the HTTP server metrics ({@code http_server_requests_seconds{uri=…}}).
 * The proxy is one catch-all route, so without this Micrometer would tag each call with its raw path. Quarkus'
 * Micrometer binder reads the template from the request context's {@code UrlPathTemplate} local, the same place
 * Quarkus REST writes its own.
 */
@ApplicationScoped
public class MeasuredPaths {

    /** The key Quarkus' Micrometer binder reads (HttpRequestMetric#getUrlTemplatePath). */
    static final String URL_PATH_TEMPLATE = "UrlPathTemplate";
    /** First of all handlers, so that answers of the front door (414, 431) and of the proxy are measured alike. */
    static final int ORDER = -1100;

    private final PathTemplates templates;

    public MeasuredPaths(PathTemplates templates) {
        this.templates = templates;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::name);
    }

    void name(RoutingContext rc) {
        String path = rc.request().path();
        if (path != null && (path.startsWith(RouteTable.PREFIX) || path.equals("/api/v1"))) {
            String template = templates.of(path);
            if (rc.request() instanceof HttpServerRequestInternal request) {
                request.context().putLocal(URL_PATH_TEMPLATE, template);
            }
        }
        rc.next();
    }
}

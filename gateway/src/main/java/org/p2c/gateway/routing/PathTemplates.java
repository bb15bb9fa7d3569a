package org.p2c.gateway.routing;

import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The API's path templates ({@code /api/v1/pledges/{id}}), read from the services' OpenAPI documents the gateway
 * carries, so that a proxied call is measured under its template, never its raw path: every pledge id would
 * otherwise be a series of its own. A path no template matches is measured under its routed segment
 * ({@code /api/v1/pledges/*}) or, unrouted, under {@code /api/v1/*}: the label's values stay bounded by the
 * documents and the route table, whatever callers send.
 */
@ApplicationScoped
public class PathTemplates {

    /** Where the gateway's build puts each service's document (gateway/pom.xml, services-openapi). */
    static final String DOCUMENTS = "META-INF/openapi-services/%s/openapi.json";
    static final String UNROUTED = RouteTable.PREFIX + "*";

    private static final Logger LOG = Logger.getLogger(PathTemplates.class);

    private final List<Template> templates;
    private final Set<String> routedSegments;

    @Inject
    public PathTemplates(RouteTable routes) {
        this(documentedPaths(routes.services().keySet()), Set.copyOf(routes.services().keySet().stream()
                .flatMap(service -> routes.segmentsOf(service).stream()).toList()));
    }

    PathTemplates(Collection<String> documentedPaths, Set<String> routedSegments) {
        // Most literal segments first: /api/v1/pledges/queue wins over /api/v1/pledges/{id}.
        this.templates = documentedPaths.stream().map(Template::of)
                .sorted(Comparator.comparingInt(Template::literals).reversed().thenComparing(Template::text))
                .toList();
        this.routedSegments = routedSegments;
    }

    /** The template to measure a (normalised) request path under. */
    public String of(String path) {
        String[] segments = path.split("/", -1);
        for (Template template : templates) {
            if (template.matches(segments)) {
                return template.text();
            }
        }
        if (path.startsWith(RouteTable.PREFIX)) {
            int end = path.indexOf('/', RouteTable.PREFIX.length());
            String segment = path.substring(RouteTable.PREFIX.length(), end < 0 ? path.length() : end);
            if (routedSegments.contains(segment)) {
                return RouteTable.PREFIX + segment + (end < 0 ? "" : "/*");
            }
        }
        return UNROUTED;
    }

    private static List<String> documentedPaths(Collection<String> services) {
        List<String> paths = new ArrayList<>();
        for (String service : services) {
            String resource = DOCUMENTS.formatted(service);
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    // A gateway built without that service's document still routes it; its calls are measured by segment.
                    LOG.debugf("No OpenAPI document of %s (%s): its calls are measured by segment", service, resource);
                    continue;
                }
                JsonObject document = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                paths.addAll(document.getJsonObject("paths", new JsonObject()).fieldNames());
            } catch (IOException | RuntimeException e) {
                LOG.warnf("Unreadable OpenAPI document of %s (%s): its calls are measured by segment", service, resource);
            }
        }
        return paths;
    }

    private record Template(String text, String[] segments, int literals) {

        static Template of(String text) {
            String[] segments = text.split("/", -1);
            int literals = 0;
            for (String segment : segments) {
                if (!isVariable(segment)) {
                    literals++;
                }
            }
            return new Template(text, segments, literals);
        }

        boolean matches(String[] path) {
            if (path.length != segments.length) {
                return false;
            }
            for (int i = 0; i < path.length; i++) {
                if (isVariable(segments[i]) ? path[i].isEmpty() : !segments[i].equals(path[i])) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isVariable(String segment) {
            return segment.startsWith("{") && segment.endsWith("}");
        }
    }
}

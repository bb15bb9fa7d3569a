package org.p2c.gateway.routing;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.p2c.gateway.GatewayConfig;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which service answers a path: the first segment after {@code /api/v1/}, looked up in the configured table. */
@ApplicationScoped
public class RouteTable {

    public static final String PREFIX = "/api/v1/";

    /** A service behind the gateway: its name and where it listens. */
    public record Upstream(String service, String host, int port, boolean ssl) {
    }

    private final Map<String, Upstream> bySegment = new HashMap<>();
    private final Map<String, Upstream> byService = new HashMap<>();

    public RouteTable(GatewayConfig gateway, Config config) {
        gateway.routes().forEach((service, segments) -> {
            Upstream upstream = upstream(service, config.getValue("p2c.services." + service + ".url", String.class));
            byService.put(service, upstream);
            for (String segment : segments) {
                Upstream previous = bySegment.put(segment.trim(), upstream);
                // Two services claiming one segment is a configuration error: refuse to start rather than guess.
                if (previous != null) {
                    throw new IllegalStateException("/api/v1/" + segment + " is routed to both "
                            + previous.service() + " and " + service);
                }
            }
        });
    }

    /** The service for a (normalised) request path, or empty when no service answers it. */
    public Optional<Upstream> resolve(String path) {
        if (path == null || !path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int end = path.indexOf('/', PREFIX.length());
        String segment = path.substring(PREFIX.length(), end < 0 ? path.length() : end);
        return Optional.ofNullable(bySegment.get(segment));
    }

    public Map<String, Upstream> services() {
        return Map.copyOf(byService);
    }

    public List<String> segmentsOf(String service) {
        return bySegment.entrySet().stream().filter(e -> e.getValue().service().equals(service))
                .map(Map.Entry::getKey).sorted().toList();
    }

    private static Upstream upstream(String service, String url) {
        URI uri = URI.create(url);
        boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        if (uri.getPath() != null && !uri.getPath().isEmpty() && !"/".equals(uri.getPath())) {
            // Paths are passed on as they are; a base path would silently change every URL.
            throw new IllegalStateException("p2c.services." + service + ".url must not have a path: " + url);
        }
        return new Upstream(service, uri.getHost(), port, ssl);
    }
}

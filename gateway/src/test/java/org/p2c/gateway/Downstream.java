package org.p2c.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Five WireMock servers standing in for the services behind the gateway, one per service, so a test sees which
 * service a call reached. Injected into a test's {@link Services} field.
 */
public class Downstream implements QuarkusTestResourceLifecycleManager {

    static final List<String> SERVICES = List.of("entity-service", "pledge-service", "reporting-service",
            "analytics-service", "notification-service");

    /** Marks the test field that receives the running servers. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    /** The servers by service name. */
    public record Services(Map<String, WireMockServer> byName) {
        public WireMockServer get(String service) {
            return byName.get(service);
        }

        public void reset() {
            byName.values().forEach(WireMockServer::resetAll);
        }
    }

    private Services services;

    @Override
    public Map<String, String> start() {
        Map<String, WireMockServer> servers = new LinkedHashMap<>();
        Map<String, String> config = new LinkedHashMap<>();
        for (String service : SERVICES) {
            // Jetty's own gzip would hide what the gateway passes on; the tests compare bodies byte for byte.
            WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                    .gzipDisabled(true));
            server.start();
            servers.put(service, server);
            config.put("p2c.services." + service + ".url", "http://127.0.0.1:" + server.port());
        }
        services = new Services(servers);
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(services, new TestInjector.AnnotatedAndMatchesType(Inject.class, Services.class));
    }

    @Override
    public void stop() {
        if (services != null) {
            services.byName().values().forEach(WireMockServer::stop);
        }
    }
}

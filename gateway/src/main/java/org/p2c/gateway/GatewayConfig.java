package org.p2c.gateway;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What the gateway does with {@code /api/v1/**}: the routing table, timeouts and limits, all configuration. */
@ConfigMapping(prefix = "p2c.gateway")
public interface GatewayConfig {

    /**
     * Service name → the first path segments after {@code /api/v1/} it answers. A service's base URL is
     * {@code p2c.services.<name>.url}. A new resource of a service is one more segment here, not code.
     */
    Map<String, List<String>> routes();

    /** How long to wait for a connection to a service before answering 504. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** How long a service may stay silent (before its answer starts, or between two chunks of it): then 504. */
    @WithDefault("30s")
    Duration responseTimeout();

    /** The largest request body passed on; larger is 413 before the service sees any of it. */
    @WithDefault("5M")
    MemorySize maxBodySize();

    RateLimit rateLimit();

    interface RateLimit {

        /** Per client IP, for calls without a token. */
        @WithDefault("300")
        int anonymousPerMinute();

        /** Per client id ({@code azp}) of a token, unless {@link #clients()} names the client. */
        @WithDefault("1200")
        int clientPerMinute();

        /** Per-client overrides, e.g. a partner system that pushes in bulk. */
        Map<String, Integer> clients();

        /**
         * Public clients that many people sign in through (the frontends): their tokens are limited per person
         * (client id + subject), or one busy user would exhaust everyone's budget.
         */
        @WithDefault("p2c-frontend,p2c-swagger-ui")
        List<String> perPersonClients();
    }
}

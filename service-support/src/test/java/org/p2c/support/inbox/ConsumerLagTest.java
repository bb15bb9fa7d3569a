package org.p2c.support.inbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A broker out of reach makes the lag unknown (NaN), not zero and not the last value; the sample gives up and returns. */
class ConsumerLagTest {

    @Test
    void aBrokerOutOfReachLeavesTheLagNaNAndTheSampleReturns() throws IOException {
        Config config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "mp.messaging.incoming.entities.kafka-configuration", "p2c-inbox",
                "mp.messaging.incoming.entities.topic", "p2c.entities.v1",
                "mp.messaging.incoming.entities.group.id", "pledge-service"), "test", 100)).build();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ConsumerLag lag = new ConsumerLag(config, registry, Map.of("bootstrap.servers", "127.0.0.1:" + closedPort()));
        try {
            lag.sample();
            assertThat(registry.get(ConsumerLag.LAG).tag("topic", "p2c.entities.v1").tag("group", "pledge-service")
                    .gauge().value()).isNaN();
        } finally {
            lag.close(new ShutdownEvent());
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

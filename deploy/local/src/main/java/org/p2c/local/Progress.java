package org.p2c.local;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Shows each component's state and the time so far while the platform comes up (Keycloak's first start is slow). */
final class Progress implements AutoCloseable {

    private final long startNanos = System.nanoTime();
    private final Map<String, String> states = new LinkedHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "progress");
        t.setDaemon(true);
        return t;
    });

    Progress() {
        ticker.scheduleAtFixedRate(this::printAll, 5, 5, TimeUnit.SECONDS);
    }

    synchronized void state(String component, String state) {
        states.put(component, state);
        System.out.printf("[%6.1fs] %-18s %s%n", elapsedSeconds(), component, state);
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private synchronized void printAll() {
        if (states.values().stream().allMatch(s -> s.startsWith("UP") || s.startsWith("FAILED"))) {
            return;
        }
        long up = states.values().stream().filter(s -> s.startsWith("UP")).count();
        String waiting = states.entrySet().stream()
                .filter(e -> !e.getValue().startsWith("UP"))
                .map(e -> e.getKey() + " (" + e.getValue().replaceFirst(" \\(.*", "") + ")")
                .collect(Collectors.joining(", "));
        System.out.printf("[%6.1fs] … %d of %d up; waiting for %s%n", elapsedSeconds(), up, states.size(), waiting);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}

package org.p2c.deploy.kubernetes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Renders the overlays with {@code kubectl kustomize} (once per overlay and test JVM) and gives the rendered
 * objects to the tests, as JSON trees.
 */
final class Manifests {

    /** The overlays, and the namespace each deploys into. */
    static final Map<String, String> NAMESPACES = Map.of("dev", "p2c-dev", "prod", "p2c-prod");

    static final List<String> SERVICES =
            List.of("gateway", "entity-service", "pledge-service", "reporting-service", "analytics-service",
                    "notification-service");
    /** The five services behind the gateway, with the database each owns. */
    static final Map<String, String> DATABASES = Map.of(
            "entity-service", "entity", "pledge-service", "pledge",
            "reporting-service", "reporting", "analytics-service", "analytics",
            "notification-service", "notification");

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    private Manifests() {
    }

    /** This module's directory (deploy/kubernetes), as Maven passes it; else the working directory. */
    static Path moduleDir() {
        return Path.of(System.getProperty("p2c.module.dir", ".")).toAbsolutePath().normalize();
    }

    /** The repository's root. */
    static Path repoDir() {
        return moduleDir().resolve("../..").normalize();
    }

    static Path overlayDir(String env) {
        return moduleDir().resolve("overlays").resolve(env);
    }

    static Rendered render(String env) {
        return CACHE.computeIfAbsent(env, e -> parse(e, kustomize(overlayDir(e))));
    }

    /** Any kustomization directory, rendered (not cached): for tests that build one of their own. */
    static Rendered renderDirectory(String name, Path dir) {
        return parse(name, kustomize(dir));
    }

    /** Runs {@code kubectl kustomize dir}; fails with kubectl's own error output. */
    static String kustomize(Path dir) {
        var kubectl = System.getProperty("kubectl", "kubectl");
        Process process;
        try {
            process = new ProcessBuilder(kubectl, "kustomize", dir.toString()).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run '" + kubectl + "' (kubectl must be on the PATH, or pass -Dkubectl=/path)", e);
        }
        try {
            process.getOutputStream().close();
            var out = drain(process.getInputStream());
            var err = drain(process.getErrorStream());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + dir + " did not finish in 60 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed (exit " + process.exitValue() + "):\n"
                        + err.join());
            }
            return out.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                var buffer = new ByteArrayOutputStream();
                in.transferTo(buffer);
                return buffer.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Rendered parse(String env, String yaml) {
        var objects = new ArrayList<ObjectNode>();
        try (var parser = YAML.getFactory().createParser(yaml)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                var node = it.next();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    objects.add((ObjectNode) node);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("kubectl kustomize output of " + env + " is not YAML", e);
        }
        return new Rendered(env, yaml, List.copyOf(objects));
    }

    /** One overlay, rendered. */
    record Rendered(String env, String text, List<ObjectNode> objects) {

        String namespace() {
            return NAMESPACES.get(env);
        }

        Stream<ObjectNode> ofKind(String kind) {
            return objects.stream().filter(o -> kind.equals(o.path("kind").asText()));
        }

        ObjectNode one(String kind, String name) {
            var found = ofKind(kind).filter(o -> name.equals(o.path("metadata").path("name").asText())).toList();
            if (found.size() != 1) {
                throw new AssertionError(env + ": expected one " + kind + " named " + name + ", found " + found.size());
            }
            return found.get(0);
        }

        <T> List<T> as(String kind, Class<T> type) {
            return ofKind(kind).map(o -> StrictModel.read(o, type)).toList();
        }

        <T> T as(String kind, String name, Class<T> type) {
            return StrictModel.read(one(kind, name), type);
        }
    }

    static String name(JsonNode object) {
        return Objects.requireNonNull(object.path("metadata").path("name").textValue(), "metadata.name");
    }
}

package org.p2c.deploy.kubernetes;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * Turns the one realm file, {@code deploy/keycloak/itu-realm.json} (what {@code ./p2c run} imports), into the
 * Keycloak Operator's {@code KeycloakRealmImport} of each overlay, so that the cluster's realm cannot drift from
 * the local one: Kustomize cannot embed a JSON file into a field of a custom resource, so the import is generated,
 * committed beside the overlay's {@code kustomization.yaml}, and {@code RealmImportDriftTest} fails while the
 * committed file differs from what this class produces.
 *
 * <p>Each overlay says how in its {@code realm-import.properties}:
 * <ul>
 *   <li>{@code profile=dev}: the realm as it is, demo users and demo partner clients included (their
 *       credentials are the dev-only ones of the realm file), plus the environment's browser origins;</li>
 *   <li>{@code profile=prod}: roles, client scopes and clients, but no users and no client that carries a secret
 *       in the file (the demo partner systems), no password grant, {@code sslRequired: external}, and only the
 *       environment's origins on the public clients.</li>
 * </ul>
 *
 * <p>In both, the realm sends its mails (e-mail verification, password reset) through the environment's SMTP relay,
 * whose settings come from the Secret {@value #SMTP_SECRET} and never from a file: the realm names them by
 * placeholders ({@code ${SMTP_HOST}}, …), which the import's {@code spec.placeholders} map to the Secret's keys, and
 * it logs in over STARTTLS (the local run's mail server takes neither).
 *
 * <p>Run: {@code ./mvnw -q -pl deploy/kubernetes compile exec:java} (argument: this module's directory).
 */
public final class RealmImportGenerator {

    /** The realm file, relative to this module's directory. */
    public static final String REALM_FILE = "../keycloak/itu-realm.json";
    public static final String SETTINGS_FILE = "realm-import.properties";
    public static final String OUTPUT_FILE = "keycloak-realm-import.yaml";
    public static final String RESOURCE_NAME = "itu-realm";
    /** Where a cluster's SMTP settings live: host, port, username, password, from (the sender's address). */
    public static final String SMTP_SECRET = "p2c-smtp";
    /** The realm's SMTP placeholders, each with the key of {@link #SMTP_SECRET} that the import replaces it with. */
    public static final Map<String, String> SMTP_PLACEHOLDERS = orderedMap(
            "SMTP_HOST", "host", "SMTP_PORT", "port", "SMTP_FROM", "from",
            "SMTP_USERNAME", "username", "SMTP_PASSWORD", "password");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    public enum Profile { dev, prod }

    /** An overlay's {@code realm-import.properties}. */
    public record Settings(Profile profile, String keycloakCRName, List<String> publicOrigins) {

        public static Settings read(Path overlayDir) {
            var file = overlayDir.resolve(SETTINGS_FILE);
            var p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            return new Settings(
                    Profile.valueOf(required(p, "profile", file)),
                    required(p, "keycloakCRName", file),
                    Arrays.stream(required(p, "publicOrigins", file).split(","))
                            .map(String::trim).filter(s -> !s.isEmpty()).toList());
        }

        private static String required(Properties p, String key, Path file) {
            var value = p.getProperty(key);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(file + ": " + key + " is missing");
            }
            return value.trim();
        }
    }

    private RealmImportGenerator() {
    }

    public static void main(String[] args) throws IOException {
        var moduleDir = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        for (var overlay : overlaysWithRealmImport(moduleDir)) {
            var out = overlay.resolve(OUTPUT_FILE);
            Files.writeString(out, render(moduleDir, overlay), StandardCharsets.UTF_8);
            System.out.println("wrote " + moduleDir.relativize(out));
        }
    }

    /** The overlays that have a {@code realm-import.properties}. */
    public static List<Path> overlaysWithRealmImport(Path moduleDir) throws IOException {
        try (Stream<Path> dirs = Files.list(moduleDir.resolve("overlays"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(SETTINGS_FILE))).sorted().toList();
        }
    }

    /** The realm file, parsed, untouched. */
    public static ObjectNode readRealm(Path moduleDir) {
        var file = moduleDir.resolve(REALM_FILE).normalize();
        try {
            return (ObjectNode) JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The text of {@code keycloak-realm-import.yaml} for one overlay. */
    public static String render(Path moduleDir, Path overlayDir) {
        var settings = Settings.read(overlayDir);
        var realm = transform(readRealm(moduleDir), settings);

        var cr = JSON.createObjectNode();
        cr.put("apiVersion", "k8s.keycloak.org/v2beta1");
        cr.put("kind", "KeycloakRealmImport");
        cr.putObject("metadata").put("name", RESOURCE_NAME);
        var spec = cr.putObject("spec");
        spec.put("keycloakCRName", settings.keycloakCRName());
        var placeholders = spec.putObject("placeholders");
        SMTP_PLACEHOLDERS.forEach((placeholder, key) -> placeholders.putObject(placeholder).putObject("secret")
                .put("name", SMTP_SECRET).put("key", key));
        spec.set("realm", realm);

        var header = """
                # GENERATED by org.p2c.deploy.kubernetes.RealmImportGenerator from deploy/keycloak/itu-realm.json,
                # profile %s (see realm-import.properties beside this file). Do not edit: change the realm file or
                # realm-import.properties, then run  ./mvnw -q -pl deploy/kubernetes compile exec:java
                # The Keycloak Operator imports a realm only if it does not exist yet; it never updates one.
                """.formatted(settings.profile());
        try {
            return header + YAML.writeValueAsString(cr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The realm as the overlay gets it; the argument is not modified. */
    public static ObjectNode transform(ObjectNode source, Settings settings) {
        var realm = source.deepCopy();
        smtpFromSecret(realm);
        if (settings.profile() == Profile.prod) {
            realm.put("displayName", "ITU account");
            realm.put("sslRequired", "external");
            // No demo accounts, and no service-account users of clients that are not imported either.
            realm.remove("users");
            var clients = (ArrayNode) realm.get("clients");
            if (clients != null) {
                for (var it = clients.elements(); it.hasNext(); ) {
                    var client = (ObjectNode) it.next();
                    if (client.has("secret")) {
                        it.remove(); // a secret in the realm file is a dev-only secret
                        continue;
                    }
                    if (client.path("directAccessGrantsEnabled").asBoolean(false)) {
                        client.put("directAccessGrantsEnabled", false); // the password grant is for e2e tests only
                    }
                    replaceOrigins(client, settings.publicOrigins());
                }
            }
        } else {
            var clients = (ArrayNode) realm.get("clients");
            if (clients != null) {
                clients.forEach(c -> addOrigins((ObjectNode) c, settings.publicOrigins()));
            }
        }
        return realm;
    }

    /**
     * The realm file's mail server is the local one (host and port placeholders, no login, no TLS); a cluster's is a
     * relay that takes a login over STARTTLS, every setting from {@link #SMTP_SECRET}. The display name stays.
     */
    private static void smtpFromSecret(ObjectNode realm) {
        var local = realm.path("smtpServer");
        var smtp = JSON.createObjectNode();
        smtp.put("host", "${SMTP_HOST}");
        smtp.put("port", "${SMTP_PORT}");
        smtp.put("from", "${SMTP_FROM}");
        if (local.has("fromDisplayName")) {
            smtp.set("fromDisplayName", local.get("fromDisplayName"));
        }
        smtp.put("auth", "true");
        smtp.put("user", "${SMTP_USERNAME}");
        smtp.put("password", "${SMTP_PASSWORD}");
        smtp.put("ssl", "false");
        smtp.put("starttls", "true");
        realm.set("smtpServer", smtp);
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        var map = new java.util.LinkedHashMap<String, String>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    private static boolean isLocal(String uri) {
        return uri.startsWith("http://localhost") || uri.startsWith("http://127.0.0.1");
    }

    private static void addOrigins(ObjectNode client, List<String> origins) {
        edit(client, "redirectUris", uris -> {
            origins.forEach(o -> uris.add(o + "/*"));
            return uris;
        });
        edit(client, "webOrigins", uris -> {
            uris.addAll(origins);
            return uris;
        });
    }

    private static void replaceOrigins(ObjectNode client, List<String> origins) {
        edit(client, "redirectUris", uris -> {
            var kept = new LinkedHashSet<String>();
            uris.stream().filter(u -> !isLocal(u)).forEach(kept::add);
            origins.forEach(o -> kept.add(o + "/*"));
            return kept;
        });
        edit(client, "webOrigins", uris -> {
            var kept = new LinkedHashSet<String>();
            uris.stream().filter(u -> !isLocal(u)).forEach(kept::add);
            kept.addAll(origins);
            return kept;
        });
    }

    private interface Edit {
        Set<String> apply(Set<String> values);
    }

    /** Rewrites a string array of the client, if the client has one. */
    private static void edit(ObjectNode client, String field, Edit edit) {
        JsonNode node = client.get(field);
        if (node == null || !node.isArray()) {
            return;
        }
        var values = new LinkedHashSet<String>();
        node.forEach(v -> values.add(v.asText()));
        var result = new ArrayList<>(edit.apply(values));
        var array = client.putArray(field);
        result.forEach(array::add);
    }
}

package org.p2c.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * In a cluster every SMTP setting comes from the Secret p2c-smtp (host, port, username, password, from), for the
 * services that send mail and for Keycloak's realm alike; none is written in a manifest, a ConfigMap or the realm, and
 * a service that sends no mail never sees them.
 */
class MailSettingsTest {

    private static final String SECRET = RealmImportGenerator.SMTP_SECRET;
    private static final String SENDER_LABEL = "p2c/mail-sender";
    /** What a mail sender's container reads, each from this key of the Secret. */
    private static final Map<String, String> FROM_SECRET = orderedMap(
            "SMTP_HOST", "host", "SMTP_PORT", "port", "SMTP_USERNAME", "username", "SMTP_PASSWORD", "password",
            "SMTP_FROM", "from");
    /** An upper-case ${NAME} is an import placeholder; Keycloak's own message keys (${role_offline-access}) are not. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theRealmSendsThroughTheRelayOfTheSecretWithALoginOverStartTls(String env) {
        var realmImport = Manifests.render(env).one("KeycloakRealmImport", RealmImportGenerator.RESOURCE_NAME);
        var smtp = realmImport.at("/spec/realm/smtpServer");
        assertThat(smtp.path("host").asText()).isEqualTo("${SMTP_HOST}");
        assertThat(smtp.path("port").asText()).isEqualTo("${SMTP_PORT}");
        assertThat(smtp.path("from").asText()).isEqualTo("${SMTP_FROM}");
        assertThat(smtp.path("user").asText()).isEqualTo("${SMTP_USERNAME}");
        assertThat(smtp.path("password").asText()).isEqualTo("${SMTP_PASSWORD}");
        assertThat(smtp.path("auth").asText()).isEqualTo("true");
        assertThat(smtp.path("starttls").asText()).isEqualTo("true");
        assertThat(realmImport.at("/spec/realm/verifyEmail").asBoolean()).as("verify e-mail").isTrue();
        assertThat(realmImport.at("/spec/realm/resetPasswordAllowed").asBoolean()).as("password reset").isTrue();

        // Every placeholder of the realm is replaced from the Secret, and each mapping is used.
        var used = new TreeSet<String>();
        var matcher = PLACEHOLDER.matcher(realmImport.at("/spec/realm").toString());
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        var mapped = new LinkedHashMap<String, String>();
        realmImport.at("/spec/placeholders").fields().forEachRemaining(e -> {
            var secret = e.getValue().path("secret");
            assertThat(secret.path("name").asText()).as(e.getKey()).isEqualTo(SECRET);
            mapped.put(e.getKey(), secret.path("key").asText());
        });
        assertThat(mapped.keySet()).isEqualTo(used);
        assertThat(mapped).containsAllEntriesOf(Map.of("SMTP_HOST", "host", "SMTP_PORT", "port", "SMTP_FROM", "from",
                "SMTP_USERNAME", "username", "SMTP_PASSWORD", "password"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyAMailSenderGetsTheSmtpSettingsAndEachComesFromTheSecret(String env) {
        var rendered = Manifests.render(env);
        var problems = new ArrayList<String>();
        for (var d : rendered.as("Deployment", Deployment.class)) {
            problems.addAll(smtpProblems(d));
        }
        rendered.as("ConfigMap", ConfigMap.class).forEach(c -> c.getData().keySet().stream()
                .filter(k -> k.startsWith("SMTP_") || k.equals("MAIL_FROM"))
                .forEach(k -> problems.add("ConfigMap " + c.getMetadata().getName() + " carries " + k)));
        assertThat(problems).isEmpty();
    }

    /**
     * The mechanism itself, whether or not a base service sends mail yet: base's mail-sender patch, with the target
     * base gives it, turns a labelled Deployment into a mail sender and leaves an unlabelled one alone.
     */
    @Test
    void theLabelMakesADeploymentAMailSender() throws IOException {
        var base = Manifests.moduleDir().resolve("base");
        var patch = patchEntry(base);
        var dir = Files.createDirectories(Manifests.moduleDir().resolve("target/mail-sender-check"));
        Files.copy(base.resolve(patch.path("path").asText()), dir.resolve("mail-sender.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("deployments.yaml"), deployment("sends-mail", true) + "---\n" + deployment("sends-none", false));
        var target = Manifests.YAML.writeValueAsString(patch.path("target")).replaceFirst("^---\\s*\\n", "").strip()
                .replace("\n", "\n      ");
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - deployments.yaml
                patches:
                  - path: mail-sender.yaml
                    target:
                      %s
                """.formatted(target));

        var rendered = Manifests.renderDirectory("mail-sender-check", dir);
        var sender = rendered.as("Deployment", "sends-mail", Deployment.class);
        var other = rendered.as("Deployment", "sends-none", Deployment.class);
        assertThat(env(sender).keySet()).containsAll(FROM_SECRET.keySet()).contains("MAIL_FROM", "DB_URL");
        assertThat(env(other).keySet()).containsExactly("DB_URL");
        assertThat(smtpProblems(sender)).isEmpty();
        assertThat(smtpProblems(other)).isEmpty();
    }

    private static JsonNode patchEntry(Path base) throws IOException {
        var kustomization = Manifests.YAML.readTree(base.resolve("kustomization.yaml").toFile());
        var entries = new ArrayList<JsonNode>();
        kustomization.path("patches").forEach(p -> {
            if (p.path("target").path("labelSelector").asText().equals(SENDER_LABEL + "=true")) {
                entries.add(p);
            }
        });
        assertThat(entries).as("base's patch for Deployments labelled " + SENDER_LABEL).hasSize(1);
        assertThat(entries.get(0).at("/target/kind").asText()).isEqualTo("Deployment");
        return entries.get(0);
    }

    /** What is wrong with a Deployment's SMTP settings, given whether it carries the mail-sender label. */
    private static List<String> smtpProblems(Deployment d) {
        var name = d.getMetadata().getName();
        var labels = d.getMetadata().getLabels() == null ? Map.<String, String>of() : d.getMetadata().getLabels();
        var sender = "true".equals(labels.get(SENDER_LABEL));
        var problems = new ArrayList<String>();
        for (var c : d.getSpec().getTemplate().getSpec().getContainers()) {
            var env = c.getEnv() == null ? List.<EnvVar>of() : c.getEnv();
            var names = env.stream().map(EnvVar::getName).toList();
            for (var e : env) {
                var expectedKey = FROM_SECRET.get(e.getName());
                if (expectedKey != null) {
                    var ref = e.getValueFrom() == null ? null : e.getValueFrom().getSecretKeyRef();
                    if (ref == null || !SECRET.equals(ref.getName()) || !expectedKey.equals(ref.getKey())) {
                        problems.add(name + ": " + e.getName() + " does not come from " + SECRET + "/" + expectedKey);
                    }
                } else if (e.getName().startsWith("SMTP_")) {
                    problems.add(name + ": " + e.getName() + " is not one of the settings of " + SECRET);
                }
            }
            if (c.getEnvFrom() != null && c.getEnvFrom().stream().anyMatch(f -> f.getSecretRef() != null
                    && SECRET.equals(f.getSecretRef().getName()))) {
                problems.add(name + ": takes the whole Secret " + SECRET + " (envFrom)");
            }
            if (sender) {
                FROM_SECRET.keySet().stream().filter(k -> !names.contains(k))
                        .forEach(k -> problems.add(name + ": a mail sender without " + k));
                var mailFrom = env.stream().filter(e -> e.getName().equals("MAIL_FROM")).findFirst();
                if (mailFrom.isEmpty() || mailFrom.get().getValue() == null
                        || !mailFrom.get().getValue().matches(".+ <\\$\\(SMTP_FROM\\)>")) {
                    problems.add(name + ": MAIL_FROM is not 'Name <$(SMTP_FROM)>'");
                } else if (names.indexOf("MAIL_FROM") < names.indexOf("SMTP_FROM")) {
                    problems.add(name + ": MAIL_FROM comes before SMTP_FROM, so $(SMTP_FROM) is not expanded");
                }
            } else if (names.stream().anyMatch(n -> FROM_SECRET.containsKey(n) || n.equals("MAIL_FROM"))) {
                problems.add(name + ": sends no mail (no label " + SENDER_LABEL + "), but gets SMTP settings");
            }
        }
        return problems;
    }

    private static Map<String, EnvVar> env(Deployment d) {
        var out = new LinkedHashMap<String, EnvVar>();
        d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().forEach(e -> out.put(e.getName(), e));
        return out;
    }

    private static String deployment(String name, boolean sendsMail) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                  labels:
                    app.kubernetes.io/name: %s
                %s
                spec:
                  selector:
                    matchLabels:
                      app.kubernetes.io/name: %s
                  template:
                    metadata:
                      labels:
                        app.kubernetes.io/name: %s
                    spec:
                      containers:
                        - name: app
                          image: %s
                          env:
                            - name: DB_URL
                              value: jdbc:postgresql://p2c-postgres-rw:5432/%s
                """.formatted(name, name, sendsMail ? "    " + SENDER_LABEL + ": \"true\"" : "", name, name, name, name);
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}

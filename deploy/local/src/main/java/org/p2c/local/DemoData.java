package org.p2c.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the demo data each service defines in {@code <module>/demo/steps.json}: API calls made as the realm's demo
 * accounts with real Keycloak tokens, exactly as a frontend or a partner system would make them. A step may save
 * fields of its answer ({@code "save": {"name": "field"}}) for later steps to use as {@code ${name}}.
 * Loaded once per state folder: a marker file keeps a resumed run from loading it twice.
 */
final class DemoData {

    /** The dev-only demo accounts of deploy/keycloak/itu-realm.json. */
    private static final Map<String, String> USERS = Map.of(
            "secretariat.officer", "dev-only-secretariat",
            "amina.pledger", "dev-only-amina",
            "lucas.pledger", "dev-only-lucas",
            "noor.pledger", "dev-only-noor",
            "platform.admin", "dev-only-admin");
    private static final Map<String, String> CLIENTS = Map.of(
            "partner-gsma-demo", "dev-only-gsma-secret",
            "partner-orange-demo", "dev-only-orange-secret");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String issuer;
    private final Map<String, String> serviceUrls;
    private final Map<String, String> saved = new HashMap<>();
    private final Map<String, String> tokens = new HashMap<>();

    DemoData(String issuer, Map<String, String> serviceUrls) {
        this.issuer = issuer;
        this.serviceUrls = serviceUrls;
    }

    /** Runs every module's steps in the given order; returns how many calls were made. */
    int load(Path root, List<String> modules) throws IOException, InterruptedException {
        int calls = 0;
        for (String module : modules) {
            Path steps = root.resolve(module).resolve("demo/steps.json");
            if (!Files.exists(steps)) {
                continue;
            }
            for (JsonNode step : json.readTree(steps.toFile())) {
                run(module, step);
                calls++;
            }
        }
        return calls;
    }

    private void run(String module, JsonNode step) throws IOException, InterruptedException {
        String path = substitute(step.get("path").asText());
        String method = step.path("method").asText("POST");
        String body = step.has("body") ? substitute(json.writeValueAsString(step.get("body"))) : null;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serviceUrls.get(module) + path))
                .header("Authorization", "Bearer " + token(step.get("as").asText()))
                .header("Content-Type", "application/json");
        if (step.has("ifMatch")) {
            request.header("If-Match", substitute(step.get("ifMatch").asText()));
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        // A service whose view of another service's events is still catching up says so with 503 + Retry-After.
        for (int attempt = 0; response.statusCode() == 503 && attempt < 15; attempt++) {
            Thread.sleep(1000L * Integer.parseInt(response.headers().firstValue("Retry-After").orElse("1")));
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("demo step " + method + " " + path + " of " + module + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        if (step.has("save")) {
            JsonNode answer = json.readTree(response.body());
            for (Iterator<Map.Entry<String, JsonNode>> it = step.get("save").fields(); it.hasNext(); ) {
                var entry = it.next();
                saved.put(entry.getKey(), answer.at("/" + entry.getValue().asText().replace('.', '/')).asText());
            }
        }
    }

    private String substitute(String text) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = saved.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("demo data uses ${" + m.group(1) + "} before saving it");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private String token(String account) throws IOException, InterruptedException {
        String cached = tokens.get(account);
        if (cached != null) {
            return cached;
        }
        String form;
        if (USERS.containsKey(account)) {
            form = "grant_type=password&client_id=p2c-frontend&username=" + enc(account) + "&password=" + enc(USERS.get(account));
        } else if (CLIENTS.containsKey(account)) {
            form = "grant_type=client_credentials&client_id=" + enc(account) + "&client_secret=" + enc(CLIENTS.get(account));
        } else {
            throw new IllegalStateException("unknown demo account " + account);
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no token for " + account + ": " + response.body());
        }
        String token = ((ObjectNode) json.readTree(response.body())).get("access_token").asText();
        tokens.put(account, token);
        return token;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

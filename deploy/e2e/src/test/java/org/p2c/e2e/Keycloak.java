package org.p2c.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Real tokens from the platform's Keycloak, obtained the way the realm's clients obtain them: people sign in through
 * the login form with authorization code + PKCE (S256) as the frontend does, partner systems use client credentials.
 * The admin API (dev-only bootstrap admin of the local Keycloak) adds the test-only clients the attacks need.
 */
final class Keycloak {

    static final String FRONTEND = "p2c-frontend";
    /** Where the frontend would receive the code; nothing listens there, the redirect is read, not followed. */
    private static final String REDIRECT_URI = "http://localhost:4200/signed-in";
    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern SET_COOKIE = Pattern.compile("^([^=;\\s]+)=([^;]*)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private final String issuer;

    Keycloak(String base, String issuer) {
        this.base = base;
        this.issuer = issuer;
    }

    static Keycloak of() {
        return new Keycloak(E2ePlatform.platform().keycloakUrl(), E2ePlatform.platform().issuer());
    }

    /** A person signs in at the frontend: authorization code + PKCE through Keycloak's login form. */
    String signIn(String username, String password) {
        return signIn(FRONTEND, username, password);
    }

    String signIn(String clientId, String username, String password) {
        try {
            String verifier = random(48);
            String challenge = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            String state = random(16);
            Map<String, String> cookies = new LinkedHashMap<>();

            HttpResponse<String> loginPage = send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/auth?"
                    + form(Map.of("client_id", clientId, "response_type", "code", "scope", "openid",
                    "redirect_uri", REDIRECT_URI, "state", state,
                    "code_challenge", challenge, "code_challenge_method", "S256")))).GET(), cookies);
            Matcher action = LOGIN_FORM.matcher(loginPage.body());
            if (loginPage.statusCode() != 200 || !action.find()) {
                throw new IllegalStateException("no login form for " + clientId + " (" + loginPage.statusCode() + ")");
            }
            HttpResponse<String> afterLogin = send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password,
                            "credentialId", "")))), cookies);
            String location = afterLogin.headers().firstValue("Location").orElse("");
            if (afterLogin.statusCode() != 302 || !location.startsWith(REDIRECT_URI)) {
                throw new IllegalStateException("sign-in of " + username + " was not redirected to the client ("
                        + afterLogin.statusCode() + " " + location + ")");
            }
            Map<String, String> answer = query(URI.create(location).getRawQuery());
            if (!state.equals(answer.get("state")) || answer.get("code") == null) {
                throw new IllegalStateException("redirect without the state or a code: " + location);
            }
            return token(Map.of("grant_type", "authorization_code", "client_id", clientId, "code", answer.get("code"),
                    "redirect_uri", REDIRECT_URI, "code_verifier", verifier), null);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A partner system authenticates as itself (client credentials). */
    String clientCredentials(String clientId, String secret) {
        try {
            return token(Map.of("grant_type", "client_credentials"), basic(clientId, secret));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds a public client to realm itu (admin API): code flow + PKCE like the frontend, with the given default
     * client scopes (whether its tokens carry the {@code p2c-api} audience) and access-token lifespan.
     */
    void addPublicClient(String clientId, List<String> defaultScopes, int accessTokenLifespanSeconds) {
        try {
            String admin = token(issuerOf("master"), Map.of("grant_type", "password", "client_id", "admin-cli",
                    "username", "admin", "password", "admin"), null);
            Map<String, Object> client = Map.of(
                    "clientId", clientId,
                    "publicClient", true,
                    "standardFlowEnabled", true,
                    "directAccessGrantsEnabled", false,
                    "redirectUris", List.of(REDIRECT_URI),
                    "defaultClientScopes", defaultScopes,
                    "attributes", Map.of("pkce.code.challenge.method", "S256",
                            "access.token.lifespan", String.valueOf(accessTokenLifespanSeconds)));
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/realms/itu/clients"))
                    .header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201 && created.statusCode() != 409) {
                throw new IllegalStateException("client " + clientId + " not created: " + created.statusCode() + " " + created.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a token (its payload, decoded; the signature is the gateway's business). */
    static JsonNode claims(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String token(Map<String, String> form, String authorization) throws IOException, InterruptedException {
        return token(issuer, form, authorization);
    }

    private String token(String issuer, Map<String, String> form, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no token (" + form.get("grant_type") + "): " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private String issuerOf(String realm) {
        return base + "/realms/" + realm;
    }

    /** Sends with the browser's cookies of this sign-in (Keycloak's auth session), and keeps those it sets. */
    private HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> cookies)
            throws IOException, InterruptedException {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String header : response.headers().allValues("Set-Cookie")) {
            Matcher m = SET_COOKIE.matcher(header);
            if (m.find()) {
                cookies.put(m.group(1), m.group(2));
            }
        }
        return response;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((enc(user) + ":" + enc(password)).getBytes(StandardCharsets.UTF_8));
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            out.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

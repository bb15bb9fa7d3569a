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
 * The admin API (dev-only bootstrap admin of the local Keycloak) adds the test-only clients the attacks need, and
 * accounts whose e-mail address is not verified yet.
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
        return beginSignIn(clientId, username, password).token();
    }

    /**
     * The login form filled in and sent, as a browser does; the answer is either the way back to the client (with a
     * code) or a page on which Keycloak asks for more first, such as verifying the e-mail address.
     */
    SignIn beginSignIn(String username, String password) {
        return beginSignIn(FRONTEND, username, password);
    }

    SignIn beginSignIn(String clientId, String username, String password) {
        try {
            SignIn signIn = new SignIn(clientId, username);
            HttpResponse<String> loginPage = send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/auth?"
                    + form(Map.of("client_id", clientId, "response_type", "code", "scope", "openid",
                    "redirect_uri", REDIRECT_URI, "state", signIn.state,
                    "code_challenge", signIn.challenge(), "code_challenge_method", "S256")))).GET(), signIn.cookies);
            Matcher action = LOGIN_FORM.matcher(loginPage.body());
            if (loginPage.statusCode() != 200 || !action.find()) {
                throw new IllegalStateException("no login form for " + clientId + " (" + loginPage.statusCode() + ")");
            }
            signIn.land(send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password,
                            "credentialId", "")))), signIn.cookies));
            return signIn;
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One person's sign-in in one browser: its cookies (Keycloak's authentication session) and where it stands. */
    final class SignIn {
        private final String clientId;
        private final String username;
        private final String verifier = random(48);
        private final String state = random(16);
        private final Map<String, String> cookies = new LinkedHashMap<>();
        /** Where Keycloak sent the browser back to the client, or null while it shows a page of its own. */
        private String redirect;
        private int status;
        private String page;

        private SignIn(String clientId, String username) {
            this.clientId = clientId;
            this.username = username;
        }

        private String challenge() throws NoSuchAlgorithmException {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        }

        /** Keycloak has sent the browser back to the client: the sign-in is complete. */
        boolean reachedClient() {
            return redirect != null;
        }

        /** The page Keycloak shows instead, e.g. its "verify your e-mail address" page. */
        String page() {
            return page;
        }

        /**
         * Opens a link in this browser (one from a mail Keycloak sent, say), following Keycloak's redirects until it
         * sends the browser back to the client or shows a page.
         */
        SignIn follow(String link) {
            try {
                land(send(HttpRequest.newBuilder(URI.create(link)).GET(), cookies));
                return this;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** The access token the client gets for the code Keycloak sent back with the browser. */
        String token() {
            if (redirect == null) {
                throw new IllegalStateException("sign-in of " + username + " was not redirected to the client ("
                        + status + ", page " + (page == null ? "" : page.substring(0, Math.min(page.length(), 300))) + ")");
            }
            Map<String, String> answer = query(URI.create(redirect).getRawQuery());
            if (!state.equals(answer.get("state")) || answer.get("code") == null) {
                throw new IllegalStateException("redirect without the state or a code: " + redirect);
            }
            try {
                return Keycloak.this.token(Map.of("grant_type", "authorization_code", "client_id", clientId,
                        "code", answer.get("code"), "redirect_uri", REDIRECT_URI, "code_verifier", verifier), null);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Follows Keycloak's own redirects; stops at the client's redirect URI (never followed: nothing listens). */
        private void land(HttpResponse<String> response) throws IOException, InterruptedException {
            for (int hops = 0; hops < 10; hops++) {
                String location = response.headers().firstValue("Location").orElse(null);
                if (response.statusCode() / 100 != 3 || location == null) {
                    status = response.statusCode();
                    page = response.body();
                    return;
                }
                if (location.startsWith(REDIRECT_URI)) {
                    status = response.statusCode();
                    redirect = location;
                    return;
                }
                response = send(HttpRequest.newBuilder(response.uri().resolve(location)).GET(), cookies);
            }
            throw new IllegalStateException("more than 10 redirects in the sign-in of " + username);
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
        Map<String, Object> client = Map.of(
                "clientId", clientId,
                "publicClient", true,
                "standardFlowEnabled", true,
                "directAccessGrantsEnabled", false,
                "redirectUris", List.of(REDIRECT_URI),
                "defaultClientScopes", defaultScopes,
                "attributes", Map.of("pkce.code.challenge.method", "S256",
                        "access.token.lifespan", String.valueOf(accessTokenLifespanSeconds)));
        HttpResponse<String> created = admin("POST", "/clients", client);
        if (created.statusCode() != 201 && created.statusCode() != 409) {
            throw new IllegalStateException("client " + clientId + " not created: " + created.statusCode() + " " + created.body());
        }
    }

    /**
     * Adds a person to realm itu (admin API), as an administrator creates an account: enabled, with a password, and
     * an e-mail address that is not verified. Returns the account's id (the tokens' subject).
     */
    String addUnverifiedUser(String username, String email, String password) {
        Map<String, Object> user = Map.of(
                "username", username,
                "email", email,
                "emailVerified", false,
                "enabled", true,
                "firstName", "Invited",
                "lastName", "Colleague",
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        HttpResponse<String> created = admin("POST", "/users", user);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("user " + username + " not created: " + created.statusCode() + " " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The password grant of the frontend client (the realm allows it for tests): its status and body. */
    HttpResponse<String> passwordGrant(String username, String password) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "password", "client_id", FRONTEND,
                            "username", username, "password", password, "scope", "openid")))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A call to realm itu's admin API as the dev-only bootstrap admin of the local Keycloak. */
    private HttpResponse<String> admin(String method, String path, Object body) {
        try {
            String admin = token(issuerOf("master"), Map.of("grant_type", "password", "client_id", "admin-cli",
                    "username", "admin", "password", "admin"), null);
            return http.send(HttpRequest.newBuilder(URI.create(base + "/admin/realms/itu" + path))
                            .header("Authorization", "Bearer " + admin)
                            .header("Content-Type", "application/json")
                            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
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

package org.p2c.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OpenID provider just big enough for the services' {@code quarkus-oidc} in the prod profile: a discovery document
 * and a JWKS with one RSA key, and Keycloak-shaped access tokens signed with it (audience {@code p2c-api}, roles in
 * {@code realm_access.roles}). Keycloak would cost minutes of start-up on this machine; the services validate the
 * tokens exactly as they validate Keycloak's (signature against the JWKS, issuer, audience, expiry).
 */
final class TokenIssuer implements AutoCloseable {

    private static final String KEY_ID = "fault-suite";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final HttpServer server;
    private final KeyPair key;
    private final String issuer;

    private TokenIssuer(HttpServer server, KeyPair key) {
        this.server = server;
        this.key = key;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/itu";
    }

    static TokenIssuer start() throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        TokenIssuer issuer = new TokenIssuer(server, generator.generateKeyPair());
        server.createContext("/realms/itu/.well-known/openid-configuration", ex -> issuer.answer(ex, issuer.discovery()));
        server.createContext("/realms/itu/protocol/openid-connect/certs", ex -> issuer.answer(ex, issuer.jwks()));
        server.start();
        return issuer;
    }

    String issuer() {
        return issuer;
    }

    /** A person of the realm with these roles and a verified e-mail. */
    String person(String subject, String... roles) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("aud", "p2c-api");
        claims.put("azp", "p2c-frontend");
        claims.put("typ", "Bearer");
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("exp", Instant.now().plusSeconds(3600).getEpochSecond());
        claims.put("preferred_username", subject);
        claims.put("email", subject + "@example.org");
        claims.put("email_verified", true);
        claims.put("realm_access", Map.of("roles", List.of(roles)));
        return sign(claims);
    }

    private String sign(Map<String, Object> claims) {
        try {
            String header = B64.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", KEY_ID)));
            String payload = B64.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key.getPrivate());
            rs256.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + B64.encodeToString(rs256.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
    }

    private Map<String, Object> discovery() {
        return Map.of(
                "issuer", issuer,
                "jwks_uri", issuer + "/protocol/openid-connect/certs",
                "authorization_endpoint", issuer + "/protocol/openid-connect/auth",
                "token_endpoint", issuer + "/protocol/openid-connect/token",
                "id_token_signing_alg_values_supported", List.of("RS256"));
    }

    private Map<String, Object> jwks() {
        RSAPublicKey pub = (RSAPublicKey) key.getPublic();
        return Map.of("keys", List.of(Map.of("kty", "RSA", "kid", KEY_ID, "use", "sig", "alg", "RS256",
                "n", unsigned(pub.getModulus()), "e", unsigned(pub.getPublicExponent()))));
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return B64.encodeToString(bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes);
    }

    private void answer(HttpExchange exchange, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

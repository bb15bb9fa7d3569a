package org.p2c.support.testing;

import io.smallrye.jwt.build.Jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Keycloak-shaped access tokens signed with the key of {@code OidcWiremockTestResource}, for a service's fast tests:
 * roles in {@code realm_access.roles}, audience {@code p2c-api}, as the itu realm issues them.
 */
public final class TestTokens {

    public static final String ISSUER = "https://server.example.com";
    public static final String AUDIENCE = "p2c-api";

    private TestTokens() {
    }

    /** A person of the itu realm with a verified e-mail {@code <subject>@example.org}. */
    public static String person(String subject, String... roles) {
        return personWithEmail(subject, subject + "@example.org", roles);
    }

    public static String personWithEmail(String subject, String email, String... roles) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject)
                .preferredUserName(subject)
                .claim("email", email)
                .claim("email_verified", true)
                .claim("realm_access", Map.of("roles", Set.of(roles)))
                .claim("azp", "p2c-frontend")
                .expiresAt(Instant.now().plus(Duration.ofMinutes(5)))
                .jws().keyId("1").sign("privateKey.jwk");
    }

    /** A partner system's client-credentials token. */
    public static String partner(String clientId) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("service-account-" + clientId)
                .preferredUserName("service-account-" + clientId)
                .claim("azp", clientId)
                .claim("client_id", clientId)
                .claim("realm_access", Map.of("roles", Set.of("partner-system")))
                .expiresAt(Instant.now().plus(Duration.ofMinutes(5)))
                .jws().keyId("1").sign("privateKey.jwk");
    }

    /** A token this platform must refuse: issued for another API. */
    public static String forOtherAudience(String subject) {
        return Jwt.issuer(ISSUER).audience("another-api").subject(subject)
                .claim("realm_access", Map.of("roles", Set.of("pledger")))
                .expiresAt(Instant.now().plus(Duration.ofMinutes(5)))
                .jws().keyId("1").sign("privateKey.jwk");
    }
}

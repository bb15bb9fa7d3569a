package org.p2c.support.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, read from the validated bearer token (never from headers a caller could set): a person of the
 * itu realm, a partner system (client-credentials token with role {@code partner-system}), or nobody.
 */
@RequestScoped
public class Caller {

    public static final String SECRETARIAT = "secretariat";
    public static final String ADMIN = "admin";
    public static final String PARTNER_SYSTEM = "partner-system";
    public static final String PLEDGER = "pledger";

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean isAnonymous() {
        return identity.isAnonymous();
    }

    public boolean isSecretariat() {
        return identity.hasRole(SECRETARIAT);
    }

    public boolean isAdmin() {
        return identity.hasRole(ADMIN);
    }

    public boolean isPartnerSystem() {
        return identity.hasRole(PARTNER_SYSTEM);
    }

    /** A signed-in person (not a partner system). */
    public boolean isPerson() {
        return !isAnonymous() && !isPartnerSystem();
    }

    /** The OIDC subject: stable for a person across e-mail changes. */
    public String subject() {
        return token().map(JsonWebToken::getSubject).orElse(null);
    }

    /** The partner system's client id ({@code azp}, or {@code client_id}) when the caller is one. */
    public Optional<String> partnerClientId() {
        if (!isPartnerSystem()) {
            return Optional.empty();
        }
        return token().map(t -> t.<String>getClaim("azp") != null ? t.<String>getClaim("azp") : t.<String>getClaim("client_id"));
    }

    /** The verified e-mail of a person, used to bind invitations on first sign-in. */
    public Optional<String> verifiedEmail() {
        return token().filter(t -> Boolean.TRUE.equals(t.getClaim("email_verified")))
                .map(t -> t.<String>getClaim("email"))
                .map(e -> e.trim().toLowerCase());
    }

    public String displayName() {
        return token().map(t -> t.<String>getClaim("preferred_username")).orElse(subject());
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    /** How the history names the actor: the subject, or the partner client's id. */
    public String actor() {
        return partnerClientId().map(c -> "client:" + c).orElseGet(this::subject);
    }

    private Optional<JsonWebToken> token() {
        return identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                ? Optional.empty() : Optional.of(jwt);
    }
}

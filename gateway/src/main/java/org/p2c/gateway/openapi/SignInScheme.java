package org.p2c.gateway.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.OAuthFlow;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The services describe their scheme {@code itu} as a plain bearer token. At the gateway it becomes what a person
 * signs in with: OAuth 2 authorization code (Swagger UI adds PKCE, client {@code p2c-swagger-ui}) against the itu
 * realm, and nothing else, so Swagger UI's "Authorize" offers exactly that flow and the scopes that matter. Every
 * operation that names {@code itu} then gets the token.
 *
 * <p>The realm's public URL differs per environment: until start-up the flow points at {@value #PLACEHOLDER_ISSUER},
 * a host that cannot exist, and {@link PublicUrls} puts in the configured one.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class SignInScheme implements OASFilter {

    static final String SCHEME = "itu";
    static final String PLACEHOLDER_ISSUER = "https://login.p2c.invalid/realms/itu";
    /** What the API reads of a person beyond the roles and audience every token of the realm carries. */
    static final Map<String, String> SCOPES = scopes();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSecurityScheme(SCHEME, scheme(PLACEHOLDER_ISSUER));
    }

    /** The scheme for the realm whose public URL (its issuer) is {@code issuer}; Keycloak's endpoint paths. */
    static SecurityScheme scheme(String issuer) {
        String tokens = issuer + "/protocol/openid-connect/token";
        OAuthFlow authorizationCode = OASFactory.createOAuthFlow()
                .authorizationUrl(issuer + "/protocol/openid-connect/auth")
                .tokenUrl(tokens)
                .refreshUrl(tokens);
        SCOPES.forEach(authorizationCode::addScope);
        return OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.OAUTH2)
                .flows(OASFactory.createOAuthFlows().authorizationCode(authorizationCode))
                .description("Access token of the itu realm, a JWT checked as RFC8725 recommends: signed with the realm's "
                        + "keys (never alg none), issuer, audience p2c-api and expiry verified, by the gateway and again "
                        + "by each service. Access tokens are short-lived (five minutes in the itu realm) and renewed with "
                        + "the refresh token at the token URL. People sign in with authorization code + PKCE, as here; "
                        + "partner systems get their token with client credentials at the same token URL. Either way it "
                        + "goes in Authorization: Bearer.");
    }

    private static Map<String, String> scopes() {
        Map<String, String> scopes = new LinkedHashMap<>();
        scopes.put("openid", "Sign in with OpenID Connect");
        scopes.put("profile", "Your name and username, as GET /api/v1/me shows them");
        scopes.put("email", "Your e-mail address and whether it is verified: an invitation to an entity binds to it");
        return Collections.unmodifiableMap(scopes);
    }
}

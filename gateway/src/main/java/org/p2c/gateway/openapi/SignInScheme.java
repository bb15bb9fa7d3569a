package org.p2c.gateway.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * The services describe their scheme {@code itu} as a plain bearer token. At the gateway it becomes the realm's
 * OpenID Connect discovery, so Swagger UI's "Authorize" signs in (authorization code + PKCE, client
 * {@code p2c-swagger-ui}) and every operation that names {@code itu} gets the token. Applied at start-up: the realm's
 * public URL differs per environment.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class SignInScheme implements OASFilter {

    static final String SCHEME = "itu";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        String issuer = ConfigProvider.getConfig().getValue("p2c.openapi.public-issuer-url", String.class)
                .replaceAll("/$", "");
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSecurityScheme(SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.OPENIDCONNECT)
                .openIdConnectUrl(issuer + "/.well-known/openid-configuration")
                .description("Access token of the itu realm: people sign in (authorization code + PKCE), partner "
                        + "systems use client credentials; either way the token goes in Authorization: Bearer."));
    }
}

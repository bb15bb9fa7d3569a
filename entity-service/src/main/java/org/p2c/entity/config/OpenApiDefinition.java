package org.p2c.entity.config;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The bearer scheme every protected operation names: tokens of the itu realm. */
@OpenAPIDefinition(info = @Info(title = "P2C entity-service", version = "1.0.0"))
@SecurityScheme(securitySchemeName = "itu", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "Access token of the itu realm (authorization code + PKCE for people, client credentials for partner systems)")
public class OpenApiDefinition extends Application {
}

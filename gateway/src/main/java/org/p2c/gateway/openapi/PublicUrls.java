package org.p2c.gateway.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import java.util.List;

/**
 * What differs per environment, put into the document at start-up from configuration: its one server, the gateway as
 * callers reach it ({@code p2c.openapi.public-url}, {@code GATEWAY_PUBLIC_URL}), marked public and named with its
 * environment ({@code p2c.openapi.environment}); and the sign-in flow's URLs on the realm as a browser reaches it
 * ({@code p2c.openapi.public-issuer-url}).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class PublicUrls implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Config config = ConfigProvider.getConfig();
        String gateway = withoutTrailingSlash(config.getValue("p2c.openapi.public-url", String.class));
        String environment = config.getValue("p2c.openapi.environment", String.class);
        String issuer = withoutTrailingSlash(config.getValue("p2c.openapi.public-issuer-url", String.class));

        openAPI.setServers(List.of(OASFactory.createServer().url(gateway)
                .description("The P2C API gateway, " + environment + " environment")
                .addExtension("x-internal", false)));
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSecurityScheme(SignInScheme.SCHEME, SignInScheme.scheme(issuer));
    }

    private static String withoutTrailingSlash(String url) {
        return url.replaceAll("/+$", "");
    }
}

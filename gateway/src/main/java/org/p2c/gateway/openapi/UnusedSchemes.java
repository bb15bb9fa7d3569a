package org.p2c.gateway.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops security schemes no operation names: a service's Quarkus adds an empty default one beside its own
 * {@code itu}, which would be invalid OpenAPI in the merged document.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class UnusedSchemes implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSecuritySchemes() == null) {
            return;
        }
        Set<String> used = new HashSet<>();
        collect(openAPI.getSecurity(), used);
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values()
                    .forEach((Operation op) -> collect(op.getSecurity(), used)));
        }
        Set.copyOf(openAPI.getComponents().getSecuritySchemes().keySet()).stream()
                .filter(name -> !used.contains(name))
                .forEach(openAPI.getComponents()::removeSecurityScheme);
    }

    private static void collect(List<SecurityRequirement> requirements, Set<String> used) {
        if (requirements != null) {
            requirements.forEach(r -> used.addAll(r.getSchemes().keySet()));
        }
    }
}

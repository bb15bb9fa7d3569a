package org.p2c.support.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.smallrye.openapi.api.util.FilterUtil;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.p2c.support.api.PageView;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names every page of a list by what it lists: SmallRye names the schema of a {@link PageView}{@code <T>} by
 * concatenating Java names ({@code PageViewPledgeView}), which a generated client shows as a type name; here it becomes
 * its items' schema name followed by {@code Page} ({@code PledgePage}, {@code EntityPage}), and every reference to it
 * follows. One rule for every list, in every service; the items' name is the domain's, by their own
 * {@code @Schema(name = ...)}. Two pages that would get one name stop the build.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class PageNames implements OASFilter {

    private static final String REF_PREFIX = "#/components/schemas/";
    private static final String GENERATED_PREFIX = PageView.class.getSimpleName();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, String> renamed = new LinkedHashMap<>();
        Map<String, Schema> schemas = new LinkedHashMap<>(openAPI.getComponents().getSchemas());
        schemas.forEach((name, schema) -> {
            if (!name.startsWith(GENERATED_PREFIX) || name.equals(GENERATED_PREFIX)) {
                return;
            }
            String items = itemsName(schema);
            if (items == null) {
                throw new IllegalStateException("Schema " + name + " is a page whose items name no schema");
            }
            String page = items + "Page";
            if (schemas.containsKey(page) || renamed.containsValue(page)) {
                throw new IllegalStateException("Schema " + name + " would be named " + page + ", which is taken");
            }
            renamed.put(name, page);
        });
        if (renamed.isEmpty()) {
            return;
        }
        renamed.forEach((from, to) -> {
            Schema schema = openAPI.getComponents().getSchemas().get(from);
            openAPI.getComponents().removeSchema(from);
            openAPI.getComponents().addSchema(to, schema);
        });
        // Every schema of the document, in paths and components alike, that refers to a renamed one.
        FilterUtil.applyFilter(new OASFilter() {
            @Override
            public Schema filterSchema(Schema schema) {
                String ref = schema.getRef();
                if (ref != null && ref.startsWith(REF_PREFIX) && renamed.containsKey(ref.substring(REF_PREFIX.length()))) {
                    schema.setRef(REF_PREFIX + renamed.get(ref.substring(REF_PREFIX.length())));
                }
                return schema;
            }
        }, openAPI);
    }

    private static String itemsName(Schema page) {
        if (page.getProperties() == null) {
            return null;
        }
        Schema items = page.getProperties().get("items");
        if (items == null || items.getItems() == null || items.getItems().getRef() == null
                || !items.getItems().getRef().startsWith(REF_PREFIX)) {
            return null;
        }
        return items.getItems().getRef().substring(REF_PREFIX.length());
    }
}

package org.p2c.support.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A page of a list is named by what it lists, wherever the document refers to it. */
class PageNamesTest {

    @Test
    void aPageViewIsNamedByItsItemsAndEveryReferenceFollows() {
        OpenAPI api = document("PageViewPledgeView", "Pledge");
        api.getComponents().addSchema("Explorer", OASFactory.createSchema()
                .addProperty("firstPage", OASFactory.createSchema().ref("#/components/schemas/PageViewPledgeView")));

        new PageNames().filterOpenAPI(api);

        assertThat(api.getComponents().getSchemas()).containsKey("PledgePage").doesNotContainKey("PageViewPledgeView");
        assertThat(api.getPaths().getPathItem("/pledges").getGET().getResponses().getAPIResponse("200").getContent()
                .getMediaType("application/json").getSchema().getRef()).isEqualTo("#/components/schemas/PledgePage");
        assertThat(api.getComponents().getSchemas().get("Explorer").getProperties().get("firstPage").getRef())
                .isEqualTo("#/components/schemas/PledgePage");
    }

    @Test
    void aNameAnotherSchemaHasStopsTheBuild() {
        OpenAPI api = document("PageViewPledgeView", "Pledge");
        api.getComponents().addSchema("PledgePage", OASFactory.createSchema());

        assertThatThrownBy(() -> new PageNames().filterOpenAPI(api)).hasMessageContaining("PledgePage");
    }

    private static OpenAPI document(String page, String items) {
        Schema pageSchema = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("items", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref("#/components/schemas/" + items)))
                .addProperty("page", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER));
        return OASFactory.createOpenAPI()
                .paths(OASFactory.createPaths().addPathItem("/pledges", OASFactory.createPathItem().GET(
                        OASFactory.createOperation().operationId("explore").responses(OASFactory.createAPIResponses()
                                .addAPIResponse("200", OASFactory.createAPIResponse().content(OASFactory.createContent()
                                        .addMediaType("application/json", OASFactory.createMediaType()
                                                .schema(OASFactory.createSchema().ref("#/components/schemas/" + page)))))))))
                .components(OASFactory.createComponents().addSchema(page, pageSchema)
                        .addSchema(items, OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)));
    }
}

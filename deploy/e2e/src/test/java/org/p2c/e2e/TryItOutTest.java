package org.p2c.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.p2c.e2e.Api.NOOR;
import static org.p2c.e2e.Api.anonymous;
import static org.p2c.e2e.Api.as;

/**
 * Swagger UI's "Try it out" on drafting a pledge, as the gateway's document ships it: the request example of
 * draftPledge, sent unchanged with a real token of the demo pledger of one entity, drafts a pledge for that entity.
 * (This is the only class that signs in as Noor, so Noor acts for exactly the entity registered here.)
 */
@ExtendWith(E2ePlatform.class)
class TryItOutTest {

    @Test
    void theDocumentedDraftExampleSentAsIsByAPledgerOfOneEntityDraftsAPledge() throws IOException {
        JsonNode document = new ObjectMapper().readTree(anonymous().accept("application/json")
                .get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        JsonNode example = document.at(
                "/paths/~1api~1v1~1pledges/post/requestBody/content/application~1json/examples/draft/value");
        assertThat(example.isObject()).as("the gateway's document shows draftPledge's request example").isTrue();

        String noor = Api.signIn(NOOR);
        String entityId = as(noor).body(Api.entity("Fiji Youth Digital Network (e2e try it out)", "FJI",
                "Noor Pledger", "noor.pledger@example.org")).post("/api/v1/entities").then().statusCode(201)
                .extract().path("id");

        // pledge-service learns of the new entity from Kafka; the request waits for it (a few seconds at most).
        as(noor).body(example.toString()).post("/api/v1/pledges").then().statusCode(201)
                .body("pledgerEntityId", is(entityId)).body("status", is("DRAFT"))
                .body("title", is(example.at("/content/title").asText()));
    }
}

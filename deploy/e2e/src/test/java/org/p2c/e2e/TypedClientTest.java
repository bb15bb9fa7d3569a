package org.p2c.e2e;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.p2c.e2e.Api.AMINA;
import static org.p2c.e2e.Api.SECRETARIAT;
import static org.p2c.e2e.Api.as;

/**
 * The TypeScript client the gateway's build generates from the merged API document (gateway/target/api-client), used
 * as a frontend or partner system would against the running platform: {@code src/test/typescript}, compiled by this
 * module's build with tsc strict against the generated types, run here with {@code node --test}. It reads a validated
 * pledge by reference (seeded here through the API) and an unknown reference's 404 problem through the generated
 * types; node's exit code is the verdict and its report is printed.
 */
@ExtendWith(E2ePlatform.class)
class TypedClientTest {

    private static final Path COMPILED = Path.of("target/node-test/typescript/typed-client.test.mjs").toAbsolutePath();

    @Test
    void aTypeScriptClientReadsAPledgeAndAProblemThroughTheGeneratedTypes() throws IOException, InterruptedException {
        assumeFalse(Boolean.getBoolean("p2c.openapi.lint.skip"),
                "built with -Dp2c.openapi.lint.skip: no node, so no typed client to run");
        assertThat(COMPILED).as("compiled by this module's build (tsc -p deploy/e2e/tsconfig.json)").exists();
        String title = "Broadband for Nepal's hill schools (e2e typed client " + UUID.randomUUID().toString().substring(0, 8) + ")";
        String reference = validatedPledge(title);

        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-timeout=60000", COMPILED.toString())
                .redirectErrorStream(true);
        node.environment().put("P2C_GATEWAY_URL", E2ePlatform.gateway());
        node.environment().put("P2C_PLEDGE_REFERENCE", reference);
        node.environment().put("P2C_PLEDGE_TITLE", title);
        Path report = Files.createTempFile("typed-client", ".tap");
        Process run = node.redirectOutput(report.toFile()).start();
        boolean finished = run.waitFor(3, TimeUnit.MINUTES);
        String output = Files.readString(report, StandardCharsets.UTF_8);
        System.out.println("node --test " + COMPILED.getFileName() + ":\n" + output);

        assertThat(finished).as("node --test finished").isTrue();
        assertThat(run.exitValue()).as("node --test's exit code:\n%s", output).isZero();
        assertThat(output).contains("# pass 2").contains("# fail 0");
    }

    /** A pledge of a verified entity, submitted and validated through the API; its reference. */
    private static String validatedPledge(String title) {
        String amina = Api.signIn(AMINA);
        String secretariat = Api.signIn(SECRETARIAT);
        String entityId = as(amina).body(Api.entity("Nepal Schools Connectivity Unit (e2e typed client)", "NPL",
                "Amina Pledger", "amina.pledger@example.org")).post("/api/v1/entities").then().statusCode(201)
                .extract().path("id");
        as(secretariat).body(Map.of("reason", "Registration documents checked"))
                .post("/api/v1/entities/{id}/verification", entityId).then().statusCode(200);
        Map<String, Object> content = new HashMap<>(Api.cambodiaPledge(title));
        content.put("countries", List.of("NPL"));
        // pledge-service learns of the entity, then of its verification, from Kafka: 503 and 409 until it has.
        String pledgeId = acceptedOnceCaughtUp(() -> as(amina).body(Map.of("pledgerEntityId", entityId, "content", content))
                .post("/api/v1/pledges")).then().statusCode(201).extract().path("id");
        String reference = as(amina).body(Map.of()).post("/api/v1/pledges/{id}/submission", pledgeId).then()
                .statusCode(200).extract().path("reference");
        acceptedOnceCaughtUp(() -> as(secretariat).body(Map.of("comment", "Meets the Coalition's criteria"))
                .post("/api/v1/pledges/{id}/validation", pledgeId)).then().statusCode(200);
        return reference;
    }

    private static Response acceptedOnceCaughtUp(Callable<Response> call) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(call, r -> r.statusCode() != 503 && r.statusCode() != 409);
    }
}

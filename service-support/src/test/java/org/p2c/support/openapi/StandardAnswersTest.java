package org.p2c.support.openapi;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.jboss.jandex.Index;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StandardAnswersTest {

    /** Resource methods as the services write them: access on the method, else on the class. */
    @Authenticated
    static class Pledges {

        @Operation(operationId = "explore")
        @PermitAll
        public void explore() {
        }

        @Operation(operationId = "draft")
        public void draft() {
        }

        @Operation(operationId = "validate")
        @RolesAllowed({"secretariat", "admin"})
        public void validate() {
        }
    }

    static class Countries {

        @Operation(operationId = "listCountries")
        public void list() {
        }
    }

    private final StandardAnswers answers = new StandardAnswers(index());

    @Test
    void aSignedInOperationAnswers401AndOneNeedingARoleAlso403NamingItsRoles() {
        OpenAPI api = document(operation("draft", true), operation("validate", true));

        answers.filterOpenAPI(api);

        var draft = op(api, "/draft");
        assertThat(draft.getResponses().getAPIResponses()).containsKeys("200", "401").doesNotContainKey("403");
        assertThat(draft.getExtensions()).isNull();
        var validate = op(api, "/validate");
        assertThat(validate.getResponses().getAPIResponse("403").getDescription())
                .isEqualTo("Signed in without the role secretariat or admin");
        assertThat(validate.getExtensions()).containsEntry(StandardAnswers.ROLES, List.of("secretariat", "admin"));
    }

    @Test
    void everyErrorAnswerIsAProblemAndOneTheOperationDescribedKeepsItsWords() {
        var draft = operation("draft", true);
        draft.getResponses().addAPIResponse("409", OASFactory.createAPIResponse().description("Not a draft"));
        OpenAPI api = document(draft, operation("explore", false), operation("listCountries", false));

        answers.filterOpenAPI(api);

        APIResponse conflict = op(api, "/draft").getResponses().getAPIResponse("409");
        assertThat(conflict.getDescription()).isEqualTo("Not a draft");
        assertThat(conflict.getContent().getMediaType("application/problem+json").getSchema().getRef())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(op(api, "/draft").getResponses().getAPIResponse("401").getContent().getMediaTypes())
                .containsOnlyKeys("application/problem+json");
        assertThat(op(api, "/explore").getResponses().getAPIResponses()).containsOnlyKeys("200", "500", "503");
        assertThat(op(api, "/listCountries").getResponses().getAPIResponses()).containsOnlyKeys("200", "500", "503");
    }

    @Test
    void anyOperationMayFindItsDatabaseOutOfReachAndSaysWhenToRetry() {
        OpenAPI api = document(operation("draft", true), operation("explore", false));

        answers.filterOpenAPI(api);

        for (String path : List.of("/draft", "/explore")) {
            APIResponse outage = op(api, path).getResponses().getAPIResponse("503");
            assertThat(outage.getDescription()).contains("out of reach");
            assertThat(outage.getHeaders()).containsKey("Retry-After");
            assertThat(outage.getContent().getMediaType("application/problem+json").getExamples())
                    .containsKey("unavailable");
        }
    }

    @Test
    void anyOperationMayFailUnexpectedlyWithAProblemNamingAnIncident() {
        OpenAPI api = document(operation("draft", true), operation("explore", false));

        answers.filterOpenAPI(api);

        for (String path : List.of("/draft", "/explore")) {
            APIResponse failure = op(api, path).getResponses().getAPIResponse("500");
            assertThat(failure.getDescription()).contains("incident id").contains("nothing internal");
            assertThat(failure.getContent().getMediaType("application/problem+json").getSchema().getRef())
                    .isEqualTo("#/components/schemas/Problem");
        }
    }

    @Test
    void aDocumentThatContradictsTheCodeStopsTheBuild() {
        assertThatThrownBy(() -> answers.filterOpenAPI(document(operation("explore", true))))
                .hasMessageContaining("explore").hasMessageContaining("public but names a security requirement");
        assertThatThrownBy(() -> answers.filterOpenAPI(document(operation("validate", false))))
                .hasMessageContaining("for signed-in callers but names no security requirement");
        assertThatThrownBy(() -> answers.filterOpenAPI(document(operation("unknown", false))))
                .hasMessageContaining("no resource method");
    }

    private static Index index() {
        try {
            return Index.of(Pledges.class, Countries.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static org.eclipse.microprofile.openapi.models.Operation operation(String id, boolean signedIn) {
        var operation = OASFactory.createOperation().operationId(id)
                .responses(OASFactory.createAPIResponses().addAPIResponse("200", OASFactory.createAPIResponse().description("OK")));
        if (signedIn) {
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("itu"));
        }
        return operation;
    }

    private static OpenAPI document(org.eclipse.microprofile.openapi.models.Operation... operations) {
        var paths = OASFactory.createPaths();
        for (var operation : operations) {
            paths.addPathItem("/" + operation.getOperationId(), OASFactory.createPathItem().GET(operation));
        }
        return OASFactory.createOpenAPI().paths(paths).components(OASFactory.createComponents()
                .addSchema("Problem", OASFactory.createSchema()));
    }

    private static org.eclipse.microprofile.openapi.models.Operation op(OpenAPI api, String path) {
        return api.getPaths().getPathItem(path).getOperations().get(PathItem.HttpMethod.GET);
    }
}

package org.p2c.support.openapi;

import io.quarkus.security.Authenticated;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.p2c.support.problem.Outage;
import org.p2c.support.problem.Problem;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every operation of every service answers the same way, written into the service's API document from the
 * annotations that make it so, so the document cannot drift from the code: an operation open to signed-in callers
 * only ({@code @Authenticated}, {@code @RolesAllowed}) answers 401 without a valid token, one that needs a role
 * answers 403 without it and names its roles in {@value #ROLES}, any operation may answer a 500 (an incident id,
 * nothing internal), and every error answer is {@code application/problem+json} with the {@code Problem} schema,
 * showing as example the problem the service answers for that status on that operation ({@link ProblemExamples}).
 * What the request headers service-support checks mean, and the answers their checks give, {@link RequestHeaders}
 * writes onto the operations that take them; every 429 and 503 names its {@code Retry-After}. What an operation
 * answers for its own reasons (404, 409, 422, …) stays on the operation.
 *
 * <p>An operation whose security requirement contradicts its annotations stops the build: the document would
 * promise a public operation that demands a token, or the reverse.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class StandardAnswers implements OASFilter {

    /** The realm roles an operation needs (any of them), for clients and the end-to-end walk of the document. */
    public static final String ROLES = "x-p2c-roles";
    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";
    /** The answers that tell a caller to come back later, and when. */
    private static final Set<String> RETRY_LATER = Set.of("429", "503");
    private static final DotName OPERATION = DotName.createSimple("org.eclipse.microprofile.openapi.annotations.Operation");
    private static final DotName ROLES_ALLOWED = DotName.createSimple(RolesAllowed.class.getName());
    private static final DotName AUTHENTICATED = DotName.createSimple(Authenticated.class.getName());
    private static final DotName PERMIT_ALL = DotName.createSimple(PermitAll.class.getName());

    /** Who may call an operation: anyone, any signed-in caller (no roles), or a caller with one of the roles. */
    record Access(boolean signedIn, List<String> roles) {

        static final Access PUBLIC = new Access(false, List.of());
    }

    private final Map<String, Access> byOperationId;

    /** SmallRye hands build-time filters the application's index. */
    public StandardAnswers(IndexView index) {
        this(accessByOperationId(index));
    }

    StandardAnswers(Map<String, Access> byOperationId) {
        this.byOperationId = Map.copyOf(byOperationId);
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null
                || !openAPI.getComponents().getSchemas().containsKey("Problem")) {
            throw new IllegalStateException("The API document has no Problem schema for its error answers");
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) ->
                document(method + " " + path, path, operation, openAPI)));
    }

    private void document(String name, String path, Operation operation, OpenAPI api) {
        Access access = byOperationId.get(operation.getOperationId());
        if (access == null) {
            throw new IllegalStateException(name + ": no resource method with @Operation(operationId = \""
                    + operation.getOperationId() + "\")");
        }
        boolean documentedProtected = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (documentedProtected != access.signedIn()) {
            throw new IllegalStateException(name + " (" + operation.getOperationId() + ") is "
                    + (access.signedIn() ? "for signed-in callers but names no security requirement"
                    : "public but names a security requirement"));
        }
        if (access.signedIn()) {
            addIfAbsent(operation, "401", "Not signed in, or the token is not valid");
        }
        if (!access.roles().isEmpty()) {
            operation.addExtension(ROLES, access.roles());
            addIfAbsent(operation, "403", "Signed in without the role " + String.join(" or ", access.roles()));
        }
        // ProblemMappers answers whatever nobody foresaw so: an incident id to quote, nothing internal.
        addIfAbsent(operation, "500", "An unexpected failure on the service's side: a problem naming an incident id to "
                + "quote, nothing internal");
        // ProblemMappers answers an outage of the service's database so (problem/Outage), with Retry-After.
        addIfAbsent(operation, "503", "The service's database is briefly out of reach: retry after Retry-After "
                + "seconds (" + Outage.RETRY_AFTER_SECONDS + ")");
        RequestHeaders.document(path, operation, api);
        operation.getResponses().getAPIResponses().forEach((code, response) -> {
            if (!code.matches("[45]\\d\\d")) {
                return;
            }
            if (response.getContent() == null || response.getContent().getMediaTypes() == null
                    || response.getContent().getMediaTypes().isEmpty()) {
                response.content(problem());
            }
            MediaType problem = response.getContent().getMediaType(Problem.MEDIA_TYPE);
            if (problem != null && !ProblemExamples.shown(problem)) {
                ProblemExamples.forStatus(code, path, operation, api).forEach(p -> ProblemExamples.show(problem, p));
            }
            // ProblemMappers sends the Retry-After of a temporary problem; the gateway its own on a 429.
            if (RETRY_LATER.contains(code) && (response.getHeaders() == null
                    || !response.getHeaders().containsKey(RequestHeaders.RETRY_AFTER))) {
                response.addHeader(RequestHeaders.RETRY_AFTER,
                        RequestHeaders.retryAfter("Seconds to wait before calling again"));
            }
        });
    }

    private static void addIfAbsent(Operation operation, String code, String description) {
        if (!operation.getResponses().hasAPIResponse(code)) {
            APIResponse response = OASFactory.createAPIResponse().description(description).content(problem());
            operation.getResponses().addAPIResponse(code, response);
        }
    }

    static org.eclipse.microprofile.openapi.models.media.Content problem() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA)));
    }

    /** The access of every resource method that names its operation: the method's annotation, else its class'. */
    static Map<String, Access> accessByOperationId(IndexView index) {
        Map<String, MethodInfo> methods = new HashMap<>();
        Map<String, Access> access = new HashMap<>();
        for (AnnotationInstance annotation : index.getAnnotations(OPERATION)) {
            AnnotationValue operationId = annotation.value("operationId");
            if (annotation.target().kind() != AnnotationTarget.Kind.METHOD || operationId == null) {
                continue;
            }
            MethodInfo method = annotation.target().asMethod();
            // The index may list one method more than once; two methods with one id would be ambiguous.
            MethodInfo earlier = methods.put(operationId.asString(), method);
            if (earlier != null && !earlier.toString().equals(method.toString())
                    || earlier != null && !earlier.declaringClass().name().equals(method.declaringClass().name())) {
                throw new IllegalStateException("operationId " + operationId.asString() + " names both "
                        + earlier.declaringClass().name() + "." + earlier.name() + " and "
                        + method.declaringClass().name() + "." + method.name());
            }
            access.put(operationId.asString(), accessOf(method));
        }
        return access;
    }

    private static Access accessOf(MethodInfo method) {
        Access own = accessOf(method.declaredAnnotation(PERMIT_ALL), method.declaredAnnotation(AUTHENTICATED),
                method.declaredAnnotation(ROLES_ALLOWED));
        if (own != null) {
            return own;
        }
        Access ofClass = accessOf(method.declaringClass().declaredAnnotation(PERMIT_ALL),
                method.declaringClass().declaredAnnotation(AUTHENTICATED),
                method.declaringClass().declaredAnnotation(ROLES_ALLOWED));
        // Without any annotation Quarkus lets everyone call (no deny-unannotated in this platform).
        return ofClass != null ? ofClass : Access.PUBLIC;
    }

    private static Access accessOf(AnnotationInstance permitAll, AnnotationInstance authenticated,
                                   AnnotationInstance rolesAllowed) {
        if (rolesAllowed != null) {
            return new Access(true, Arrays.asList(rolesAllowed.value().asStringArray()));
        }
        if (authenticated != null) {
            return new Access(true, List.of());
        }
        return permitAll != null ? Access.PUBLIC : null;
    }
}

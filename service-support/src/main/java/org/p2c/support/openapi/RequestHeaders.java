package org.p2c.support.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.p2c.support.api.Versions;
import org.p2c.support.idempotency.Idempotency;
import org.p2c.support.problem.Problem;
import org.p2c.support.problem.ProblemException;

import java.math.BigDecimal;

/**
 * What the request headers that service-support checks mean, written onto every operation that takes them (its
 * {@code @HeaderParam}) from the code that checks them: {@link Idempotency} for {@value Idempotency#HEADER} and
 * {@link Versions} for {@value Versions#IF_MATCH}. Each header's parameter says what to send and what happens, and
 * the operation lists the answers the check gives, with their problem as example (and {@code Retry-After} where the
 * answer carries it). An answer the operation lists for its own reasons keeps its words and example; the header's
 * reason and example are added.
 */
final class RequestHeaders {

    static final String RETRY_AFTER = "Retry-After";

    private RequestHeaders() {
    }

    /** One operation, at {@code path}, of the document {@code api}. */
    record Call(String path, Operation operation, OpenAPI api) {
    }

    static void document(String path, Operation operation, OpenAPI api) {
        Call call = new Call(path, operation, api);
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            if (parameter.getIn() != Parameter.In.HEADER || parameter.getName() == null) {
                continue;
            }
            if (parameter.getName().equalsIgnoreCase(Idempotency.HEADER)) {
                idempotencyKey(parameter, call);
            } else if (parameter.getName().equalsIgnoreCase(Versions.IF_MATCH)) {
                ifMatch(parameter, call);
            }
        }
    }

    private static void idempotencyKey(Parameter parameter, Call call) {
        parameter.required(true).example("0b6f3c1e-8d52-4c1a-9f0e-2a7d4b9c6e13").description(
                "A key you choose for this request (1 to " + Idempotency.MAX_KEY_LENGTH + " characters, not blank; a "
                        + "UUID, say), so that it can be sent again safely. Keys are per caller: another caller's same "
                        + "key is another key. A key is kept " + Idempotency.KEPT_HOURS + " hours from its first "
                        + "request: within them, the same key with the same body gets the first answer again (status "
                        + "and body; nothing is done twice); the same key with another body is a 422 "
                        + "idempotency-key-reused; while the first request with it is still in progress, a 409 "
                        + "idempotency-key-in-flight with Retry-After. A request that stopped part-way (a crash, a "
                        + "lost connection) is finished by a retry with the same key and body once its lease lapsed "
                        + "(p2c.idempotency.lease, 30 s by default): the items already done are answered as they were, "
                        + "never done twice. No key, or a longer one, is a 400.");
        parameter.schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                .minLength(1).maxLength(Idempotency.MAX_KEY_LENGTH).pattern("\\S"));
        APIResponse inFlight = answer(call, Idempotency.inFlight(1), "The first request with this Idempotency-Key "
                + "is still in progress: retry after Retry-After seconds to get its answer");
        if (inFlight.getHeaders() == null || !inFlight.getHeaders().containsKey(RETRY_AFTER)) {
            inFlight.addHeader(RETRY_AFTER, retryAfter("Seconds to wait before sending the request again: what the "
                    + "first request's lease has left"));
        }
        APIResponse incomplete = answer(call, Idempotency.incomplete(1), "The request failed after some of its items "
                + "were done: send it again with the same Idempotency-Key and body to complete it");
        if (incomplete.getHeaders() == null || !incomplete.getHeaders().containsKey(RETRY_AFTER)) {
            incomplete.addHeader(RETRY_AFTER, retryAfter("Seconds to wait before sending the request again"));
        }
        answer(call, Idempotency.reused(), "This Idempotency-Key was used with another body: a new request needs "
                + "a new key");
    }

    private static void ifMatch(Parameter parameter, Call call) {
        parameter.required(true).example(Versions.etag(ProblemExamples.VERSION)).description(
                "The ETag of the version you read, as the GET or the last change answered it: \"<version>\", quotes "
                        + "included (" + Versions.etag(ProblemExamples.VERSION) + "); or * for whatever version is "
                        + "current. Compared strongly (RFC 9110 §13.1.1): a weak tag (W/"
                        + Versions.etag(ProblemExamples.VERSION) + ") never matches. Missing is a 428 "
                        + "precondition-required; a version that is no longer current is a 412 stale-version, whose "
                        + "detail names the current ETag.");
        answer(call, Versions.stale(ProblemExamples.VERSION), "If-Match names a version that is no longer "
                + "current, or a weak tag: read the resource again for its current ETag");
        answer(call, Versions.missing(), "If-Match is missing: send the ETag of the version you read");
    }

    /** The answer of the header's check: the operation's own with the header's reason added, or a new one. */
    private static APIResponse answer(Call call, ProblemException problem, String why) {
        String code = String.valueOf(problem.status());
        APIResponse response = call.operation().getResponses().getAPIResponse(code);
        boolean own = response != null;
        if (!own) {
            response = OASFactory.createAPIResponse().description(why);
            call.operation().getResponses().addAPIResponse(code, response);
        } else if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.description(why);
        } else if (!response.getDescription().contains(why)) {
            response.description(response.getDescription() + "; or: " + why);
        }
        if (response.getContent() == null || response.getContent().getMediaType(Problem.MEDIA_TYPE) == null) {
            response.content(StandardAnswers.problem());
        }
        var media = response.getContent().getMediaType(Problem.MEDIA_TYPE);
        if (own && !ProblemExamples.shown(media)) {
            // The operation's own reason for this code shows first.
            ProblemExamples.forStatus(code, call.path(), call.operation(), call.api())
                    .forEach(reason -> ProblemExamples.show(media, reason));
        }
        ProblemExamples.show(media, problem.toProblem(ProblemExamples.instance(call.path(), call.operation())));
        return response;
    }

    /** {@code Retry-After} as the services and the gateway send it: whole seconds. */
    static Header retryAfter(String description) {
        return OASFactory.createHeader().description(description).schema(OASFactory.createSchema()
                .addType(Schema.SchemaType.INTEGER).format("int32").minimum(BigDecimal.ONE));
    }
}

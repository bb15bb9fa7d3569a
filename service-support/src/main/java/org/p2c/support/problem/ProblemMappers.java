package org.p2c.support.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns every failure into a problem+json answer: the field at fault for bad input, nothing internal (no stack trace,
 * no exception class) for anything else.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response answer = answer(e.toProblem(path(uri)));
        if (e.retryAfterSeconds() != null) {
            answer.getHeaders().putSingle("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        return answer;
    }

    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        return answer(invalidFields(violations, path(uri)));
    }

    /** The 400 of a body (or parameters) that bean validation refused: every field at fault, by name. */
    public static Problem invalidFields(List<Problem.Violation> violations, String instance) {
        return new Problem(Problem.type("validation"), "Invalid request", 400,
                violations.size() == 1 ? "1 field is invalid" : violations.size() + " fields are invalid",
                instance, violations);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonMappingException e, UriInfo uri) {
        return unreadable(e).map(problem -> answer(problem.toProblem(path(uri)))).orElseGet(() -> malformed(uri));
    }

    /**
     * The 400 for a body Jackson could not read into its record, naming the field from the root of what was read;
     * empty when no field is to blame (the body as a whole is not what the operation takes). A batch reads each
     * item with this, so an item's problem names its fields from the item's root.
     */
    public static Optional<ProblemException> unreadable(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String message;
        if (e instanceof UnacceptableValue refused) {
            message = refused.reason();
        } else if (e instanceof UnrecognizedPropertyException) {
            message = "is not a known field";
        } else if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            message = "must be one of " + java.util.Arrays.toString(f.getTargetType().getEnumConstants());
        } else if (e instanceof InvalidFormatException f && f.getTargetType() != null) {
            message = "has the wrong format for " + f.getTargetType().getSimpleName();
        } else {
            message = "cannot be read";
        }
        if (field.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProblemException(400, "validation", "Invalid request", field + " " + message,
                List.of(new Problem.Violation(field, message))));
    }

    /** Quarkus ships its own mapper for this subtype (plain JSON); ours must be at least as specific to win. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        return malformed(uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return answer(forbidden(path(uri)));
    }

    /** The 403 of a caller signed in without the role the operation needs. */
    public static Problem forbidden(String instance) {
        return new Problem(Problem.type("forbidden"), "Forbidden", 403,
                "Your account may not perform this operation", instance, List.of());
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameter e, UriInfo uri) {
        return answer(e.toProblemException().toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e, uri, headers);
        }
        // The body reader wraps JSON it cannot parse; answer as for the unwrapped error.
        if (e.getCause() instanceof JsonMappingException mapping) {
            return unreadableJson(mapping, uri);
        }
        if (e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException) {
            return malformed(uri);
        }
        return Response.fromResponse(e.getResponse())
                .type(Problem.MEDIA_TYPE)
                .entity(ofStatus(status, path(uri)))
                .build();
    }

    /** An HTTP error JAX-RS answered for its own reasons (405, 406, 415, …): named by its reason phrase. */
    public static Problem ofStatus(int status, String instance) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : "HTTP " + status;
        return new Problem(Problem.type(title.toLowerCase().replace(' ', '-')), title, status, title, instance,
                List.of());
    }

    @ServerExceptionMapper
    public Response internal(Throwable e, UriInfo uri, HttpHeaders headers) {
        // A request that lost a race at commit, however wrapped, gets the answer it would have got a moment later.
        boolean versionNamed = headers != null && headers.getHeaderString(HttpHeaders.IF_MATCH) != null;
        Optional<ProblemException> lostRace = ConcurrentChange.problemOf(e, versionNamed);
        if (lostRace.isPresent()) {
            LOG.infof("a request on %s lost to a concurrent change: answered %d", path(uri), lostRace.get().status());
            return answer(lostRace.get().toProblem(path(uri)));
        }
        // A database briefly out of reach is the caller's cue to retry, not a bug to report.
        Optional<ProblemException> outage = Outage.problemOf(e);
        if (outage.isPresent()) {
            LOG.warnf("a request on %s met a database outage: answered 503 (%s)", path(uri), e.toString());
            return problem(outage.get(), uri);
        }
        // The caller gets an id to quote; the log has the cause, and the trace (its id in the log line) the request.
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "incident %s on %s", incident, path(uri));
        return answer(incident(incident, traceId(), path(uri)));
    }

    /** The 500 of anything nobody foresaw: an incident id to quote, and the request's trace id; nothing internal. */
    public static Problem incident(String incident, String traceId, String instance) {
        return new Problem(Problem.type("internal"), "Internal error", 500,
                "Something went wrong on our side; quote incident " + incident, instance, List.of(), traceId);
    }

    /** The trace id of the request being answered (the one its log lines show); null outside a trace. */
    private static String traceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }

    private Response malformed(UriInfo uri) {
        return answer(new Problem(Problem.type("malformed"), "Malformed request body", 400,
                "The body is not valid JSON", path(uri), List.of()));
    }

    private Response unauthorized(UriInfo uri) {
        return Response.status(401)
                .header("WWW-Authenticate", "Bearer")
                .type(Problem.MEDIA_TYPE)
                .entity(notSignedIn(path(uri)))
                .build();
    }

    /** The 401 of a protected operation called without a valid token. */
    public static Problem notSignedIn(String instance) {
        return new Problem(Problem.type("unauthorized"), "Unauthorized", 401,
                "A valid bearer token is required", instance, List.of());
    }

    private static Response answer(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    /** The request's field path: a method parameter's own name is dropped, so {@code register.body.name} is {@code name}. */
    static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.CROSS_PARAMETER || node.getKind() == ElementKind.RETURN_VALUE) {
                if (node.getKind() == ElementKind.PARAMETER && isQueryLike(violation)) {
                    field.append(node.getName());
                }
                continue;
            }
            if (node.getIndex() != null && field.length() > 0) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && node.getKind() == ElementKind.PROPERTY) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.length() == 0 ? "body" : field.toString();
    }

    /** A constraint directly on a parameter (a query or path parameter, not a body's property) names the parameter. */
    private static boolean isQueryLike(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY) {
                return false;
            }
        }
        return true;
    }
}

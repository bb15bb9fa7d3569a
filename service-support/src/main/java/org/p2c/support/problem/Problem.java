package org.p2c.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.net.URI;
import java.util.List;

/** An RFC 9457 problem detail, the body of every error answer ({@code application/problem+json}). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem detail")
public record Problem(
        @Schema(example = "https://p2c.example/problems/validation") URI type,
        @Schema(example = "Invalid request") String title,
        @Schema(example = "400") int status,
        @Schema(example = "1 field is invalid") String detail,
        @Schema(example = "/api/v1/entities") String instance,
        List<Violation> violations,
        @Schema(description = "The W3C trace id of the request, on a 500 beside its incident id: the trace and every "
                + "log line of the request carry it", pattern = "^[0-9a-f]{32}$",
                example = "4bf92f3577b34da6a3ce929d0e0e4736") String traceId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://p2c.example/problems/";

    /** A problem without a trace id: every answer but the 500 of an incident. */
    public Problem(URI type, String title, int status, String detail, String instance, List<Violation> violations) {
        this(type, title, status, detail, instance, violations, null);
    }

    /** One invalid field: its JSON path in the request (e.g. {@code financialValue.currency}) and why. */
    @Schema(name = "Violation")
    public record Violation(@Schema(example = "headquartersCountry") String field,
                            @Schema(example = "must be an ISO 3166-1 alpha-3 code") String message) {
    }

    public static URI type(String slug) {
        return URI.create(TYPE_BASE + slug);
    }
}

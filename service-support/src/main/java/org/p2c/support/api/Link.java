package org.p2c.support.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An operation a list item leads to, as the caller would call it: its method and its path from the API's root
 * ({@code /api/v1/...}), the same behind the gateway and on a service, since no host is named. A queue names the
 * decisions that already exist (validate, return, reject; verify, reject) instead of clients assembling paths.
 */
@Schema(name = "Link", example = """
        {"method": "POST", "href": "/api/v1/pledges/3f6c1b2a-8d4e-4f7a-9b1c-2d3e4f5a6b7c/validation"}""")
public record Link(
        @Schema(description = "The HTTP method", example = "POST") String method,
        @Schema(description = "The path, from the API's root", example = "/api/v1/pledges/3f6c1b2a-8d4e-4f7a-9b1c-2d3e4f5a6b7c/validation") String href) {

    public static Link get(String href) {
        return new Link("GET", href);
    }

    public static Link post(String href) {
        return new Link("POST", href);
    }
}

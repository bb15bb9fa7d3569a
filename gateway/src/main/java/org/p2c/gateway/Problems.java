package org.p2c.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * The gateway's own error answers, RFC 9457 {@code application/problem+json} shaped exactly like the services'
 * ({@code org.p2c.support.problem.Problem}), so a client handles one error format whoever answered.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://p2c.example/problems/";

    private Problems() {
    }

    public static Buffer body(int status, String slug, String title, String detail, String instance) {
        JsonObject problem = new JsonObject()
                .put("type", TYPE_BASE + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        return problem.toBuffer();
    }

    public static void send(HttpServerResponse response, int status, String slug, String title, String detail,
                            String instance) {
        Buffer body = body(status, slug, title, detail, instance);
        response.setStatusCode(status)
                .putHeader("Content-Type", MEDIA_TYPE)
                .end(body);
    }
}

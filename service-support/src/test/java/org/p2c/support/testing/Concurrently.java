package org.p2c.support.testing;

import io.restassured.RestAssured;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Sends the same request from several threads at the same instant (released together by a barrier, each on a
 * connection of its own), as several people pressing "save" at once would, and collects every answer.
 */
public final class Concurrently {

    /** One answer: its status, content type and body. */
    public record Answer(int status, String contentType, String body) {

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        /** A problem+json answer with this status. */
        public boolean isProblem(int expected) {
            return status == expected && contentType != null && contentType.startsWith("application/problem+json");
        }
    }

    private Concurrently() {
    }

    /** A request to the application under test ({@code path} from the root, e.g. {@code /api/v1/pledges/…}). */
    public static HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    /** Sends {@code request} {@code times} times at once; the answers in no particular order. */
    public static List<Answer> send(int times, HttpRequest request) throws Exception {
        return send(times, i -> request);
    }

    /** Sends {@code times} requests at once, the i-th {@code request.apply(i)}; the answers in no particular order. */
    public static List<Answer> send(int times, IntFunction<HttpRequest> request) throws Exception {
        CyclicBarrier start = new CyclicBarrier(times);
        ExecutorService senders = Executors.newFixedThreadPool(times);
        try {
            List<Future<Answer>> pending = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                HttpRequest next = request.apply(i);
                pending.add(senders.submit(() -> {
                    // A client of its own per sender: no shared connection serialises the requests.
                    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    start.await();
                    HttpResponse<String> answer = client.send(next, HttpResponse.BodyHandlers.ofString());
                    return new Answer(answer.statusCode(),
                            answer.headers().firstValue("Content-Type").orElse(null), answer.body());
                }));
            }
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> answer : pending) {
                answers.add(answer.get(2, TimeUnit.MINUTES));
            }
            return answers;
        } finally {
            senders.shutdownNow();
        }
    }
}

package dev.ofauthqueue.fake;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A tiny blocking HTTP client for the fake's tests (the JDK's: nothing shared with the library). */
final class Http {

    static final String KEY = "demo-api-key";
    static final String DEMO = "conn_demo";

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    Http(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    record Answer(int status, String body, HttpResponse<String> raw) {
        JsonObject json() {
            return new JsonObject(body);
        }

        JsonArray list() {
            return json().getJsonArray("list");
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Answer send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        try {
            HttpResponse<String> response = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** With the demo key and the given connection. */
    Answer as(String connection, String method, String path) {
        return as(connection, method, path, null);
    }

    Answer as(String connection, String method, String path, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("apiKey", KEY);
        headers.put("x-connection-id", connection);
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return send(method, path, body, headers);
    }

    Answer demo(String method, String path) {
        return as(DEMO, method, path);
    }

    /** An admin call as the admin API wants it: writes as JSON. */
    Answer admin(String method, String path, String body) {
        return send(method, path, body, method.equals("GET") ? Map.of() : Map.of("Content-Type", "application/json"));
    }
}

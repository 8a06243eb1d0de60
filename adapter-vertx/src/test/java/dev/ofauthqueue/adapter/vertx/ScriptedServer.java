package dev.ofauthqueue.adapter.vertx;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A local HTTP server whose answers a test scripts one by one (not the fake module: the adapter is tested against
 * exactly the bytes a test chooses). Requests are recorded.
 */
final class ScriptedServer implements AutoCloseable {

    record Seen(String method, String path, Map<String, String> headers, String body) {}

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Consumer<HttpServerRequest>> script = new ConcurrentLinkedQueue<>();
    private volatile Consumer<HttpServerRequest> fallback =
            r -> json(r, 500, "{\"error\":\"unscripted\",\"type\":\"TEST\"}");
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    ScriptedServer(Vertx vertx) throws Exception {
        server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onComplete(body -> {
                    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                    request.headers().forEach(e -> headers.put(e.getKey(), e.getValue()));
                    seen.add(new Seen(
                            request.method().name(),
                            request.uri(),
                            headers,
                            body.succeeded() && body.result() != null
                                    ? body.result().toString()
                                    : ""));
                    Consumer<HttpServerRequest> next = script.poll();
                    (next != null ? next : fallback).accept(request);
                }))
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    ScriptedServer then(Consumer<HttpServerRequest> answer) {
        script.add(answer);
        return this;
    }

    ScriptedServer always(Consumer<HttpServerRequest> answer) {
        fallback = answer;
        return this;
    }

    static Consumer<HttpServerRequest> status(int status, String body) {
        return r -> json(r, status, body);
    }

    static Consumer<HttpServerRequest> status(int status, String body, Map<String, String> headers) {
        return r -> {
            headers.forEach(r.response()::putHeader);
            json(r, status, body);
        };
    }

    static Consumer<HttpServerRequest> error(int status, String type) {
        return status(
                status,
                "{\"error\":\"something about " + type + "\",\"type\":\"" + type + "\",\"requestId\":\"req_t" + status
                        + "\"}");
    }

    static Consumer<HttpServerRequest> raw(int status, String contentType, String body) {
        return r -> r.response()
                .setStatusCode(status)
                .putHeader("Content-Type", contentType)
                .end(body);
    }

    /** A 200 whose chunked JSON body never ends: written as fast as the client reads, until it closes. */
    static Consumer<HttpServerRequest> endless() {
        return r -> {
            HttpServerResponse out = r.response().setChunked(true).putHeader("Content-Type", "application/json");
            Buffer chunk = Buffer.buffer("[" + " ".repeat(8190) + "\n");
            Runnable[] pump = new Runnable[1];
            pump[0] = () -> {
                while (!out.closed() && !out.writeQueueFull()) {
                    Future<Void> unused = out.write(chunk);
                }
                if (!out.closed()) {
                    out.drainHandler(drained -> pump[0].run());
                }
            };
            pump[0].run();
        };
    }

    /** Never answers. */
    static Consumer<HttpServerRequest> hang() {
        return r -> {};
    }

    /** Closes the connection without an answer. */
    static Consumer<HttpServerRequest> reset() {
        return r -> r.connection().close();
    }

    /** Promises a long body, sends part of it, and closes. */
    static Consumer<HttpServerRequest> truncated(String partial) {
        return r -> {
            r.response()
                    .setStatusCode(200)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Content-Length", Integer.toString(partial.length() + 500));
            r.response().write(partial).onComplete(done -> r.connection().close());
        };
    }

    static void json(HttpServerRequest r, int status, String body) {
        r.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Request-Id", "req_h" + status)
                .end(body);
    }

    @Override
    public void close() {
        try {
            server.close().await(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the scripted server did not close within 10 s", e);
        }
    }
}

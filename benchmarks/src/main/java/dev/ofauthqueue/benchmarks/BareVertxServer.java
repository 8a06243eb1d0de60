package dev.ofauthqueue.benchmarks;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling: a Vert.x HTTP server that answers every request with the same bytes, doing nothing else. Like the
 * fake, one server instance (one event loop). {@code java -cp benchmarks.jar dev.ofauthqueue.benchmarks.BareVertxServer FILE}
 */
public final class BareVertxServer {

    private BareVertxServer() {}

    /** A server on a free loopback port answering every request with {@code body} as JSON: the baseline's. */
    static HttpServer answering(Vertx vertx, Buffer body) throws Exception {
        return vertx.createHttpServer()
                .requestHandler(request -> request.response()
                        .putHeader("Content-Type", "application/json; charset=utf-8")
                        .end(body))
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    public static void main(String[] args) throws Exception {
        Buffer body = Buffer.buffer(Files.readAllBytes(Path.of(args[0])));
        HttpServer server = answering(Vertx.vertx(), body);
        System.out.println("bare vert.x listening on port " + server.actualPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}

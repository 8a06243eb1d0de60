package dev.ofauthqueue.examples;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.OfAuthQueue;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/** README's asynchronous example: the use cases as futures, on a Vert.x instance the caller owns. */
public final class AsyncExample {

    private AsyncExample() {}

    /**
     * Runs the example.
     *
     * @param args none
     * @throws Exception when Vert.x does not stop in time
     */
    public static void main(String[] args) throws Exception {
        OfAuthClientOptions options = Examples.demoOptions();
        // tag::readme[]
        Vertx vertx = Vertx.vertx(); // yours: the library leaves it running when it closes
        try (OfAuthQueue ofauth = OfAuthQueue.builder(options).vertx(vertx).build()) {
            ofauth.async()
                    .messages()
                    .list(ConnectionId.of("conn_demo"))
                    .thenAccept(queue -> System.out.println(queue.size() + " messages in the queue"))
                    .toCompletableFuture()
                    .join();
        }
        vertx.close().await(10, TimeUnit.SECONDS); // closing it is your job
        // end::readme[]
    }
}

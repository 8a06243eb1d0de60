package dev.ofauthqueue.acceptance.support;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.RetryPolicy;
import dev.ofauthqueue.adapter.vertx.VertxOfAuthClient;
import dev.ofauthqueue.ports.service.ScheduledQueueService;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** The library as a Java team assembles it: Vert.x, the adapter, the service. Public API only. */
public final class Library implements AutoCloseable {

    private final Vertx vertx;
    private final VertxOfAuthClient client;
    private final ScheduledQueueService service;

    private Library(Vertx vertx, VertxOfAuthClient client, ScheduledQueueService service) {
        this.vertx = vertx;
        this.client = client;
        this.service = service;
    }

    /**
     * @param tune    changes to the client options (short timeouts and quick retries are preset for the fake)
     * @param policy  the deletion policy
     */
    public static Library against(
            String baseUrl,
            String apiKey,
            Clock clock,
            DeletionPolicy policy,
            UnaryOperator<OfAuthClientOptions.Builder> tune) {
        Vertx vertx = Vertx.vertx();
        OfAuthClientOptions options = tune.apply(OfAuthClientOptions.builder(new ApiKey(apiKey))
                        .baseUrl(baseUrl)
                        .requestTimeout(Duration.ofSeconds(1))
                        .deadline(Duration.ofSeconds(20))
                        .retryPolicy(new RetryPolicy(4, Duration.ofMillis(20), Duration.ofSeconds(3))))
                .build();
        VertxOfAuthClient client = VertxOfAuthClient.create(vertx, options);
        return new Library(
                vertx,
                client,
                ScheduledQueueService.builder(client)
                        .clock(clock)
                        .policy(policy)
                        .build());
    }

    public ScheduledQueueService queue() {
        return service;
    }

    public VertxOfAuthClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        vertx.close();
    }
}

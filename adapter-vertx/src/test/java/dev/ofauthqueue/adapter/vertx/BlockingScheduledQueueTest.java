package dev.ofauthqueue.adapter.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.ofauthqueue.domain.ConnectionId;
import dev.ofauthqueue.domain.MassMessageId;
import dev.ofauthqueue.domain.MessageSelector;
import dev.ofauthqueue.ports.in.DeletionOutcome;
import dev.ofauthqueue.ports.service.ScheduledQueueService;
import dev.ofauthqueue.ports.testing.InMemoryScheduledQueuePort;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class BlockingScheduledQueueTest {

    static final ConnectionId CONN = ConnectionId.of("conn_block");

    @Test
    void waitsForAnswersOffTheEventLoopAndRefusesToBlockOne() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (ScriptedServer server = new ScriptedServer(vertx)) {
            server.always(r -> {
                if (r.method().name().equals("DELETE")) {
                    ScriptedServer.json(r, 200, "{\"success\":true,\"queue\":{\"id\":1,\"isCanceled\":true}}");
                } else if (r.path().endsWith("/1")) {
                    ScriptedServer.json(r, 200, "{\"id\":1,\"date\":\"2030-01-01T00:00:00Z\"}");
                } else {
                    ScriptedServer.json(
                            r, 200, "{\"hasMore\":false,\"list\":[{\"id\":1,\"date\":\"2030-01-01T00:00:00Z\"}]}");
                }
            });
            VertxOfAuthClient client = VertxOfAuthClient.create(
                    vertx,
                    OfAuthClientOptions.builder(new ApiKey("k"))
                            .baseUrl(server.baseUrl())
                            .build());
            ScheduledQueueService service = ScheduledQueueService.builder(client)
                    .clock(Clock.fixed(Instant.parse("2029-01-01T00:00:00Z"), ZoneOffset.UTC))
                    .build();
            BlockingScheduledQueue blocking = new BlockingScheduledQueue(service, Duration.ofSeconds(20));

            assertThat(blocking.list(CONN).size()).isEqualTo(1);
            assertThat(blocking.get(CONN, MassMessageId.of(1))).isPresent();
            assertThat(blocking.plan(CONN, MessageSelector.all()).toDelete()).hasSize(1);
            assertThat(blocking.delete(CONN, MassMessageId.of(1))).isInstanceOf(DeletionOutcome.Deleted.class);
            assertThat(blocking.execute(blocking.plan(CONN, MessageSelector.all()))
                            .outcomes())
                    .hasSize(1);

            CompletableFuture<Throwable> onLoop = new CompletableFuture<>();
            vertx.runOnContext(v -> {
                try {
                    blocking.list(CONN);
                    onLoop.complete(null);
                } catch (Throwable t) {
                    onLoop.complete(t);
                }
            });
            assertThat(onLoop.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("event loop");
            client.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void failuresAreRethrownAsTheyAre() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (ScriptedServer server = new ScriptedServer(vertx)) {
            server.always(ScriptedServer.error(403, "FORBIDDEN"));
            VertxOfAuthClient client = VertxOfAuthClient.create(
                    vertx,
                    OfAuthClientOptions.builder(new ApiKey("k"))
                            .baseUrl(server.baseUrl())
                            .build());
            BlockingScheduledQueue blocking = new BlockingScheduledQueue(
                    ScheduledQueueService.builder(client).build(), Duration.ofSeconds(20));

            Assertions.assertThatThrownBy(() -> blocking.list(CONN)).isInstanceOf(OfAuthException.Permission.class);
            client.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void needsAPositiveTimeout() {
        ScheduledQueueService service = ScheduledQueueService.builder(new InMemoryScheduledQueuePort(Clock.systemUTC()))
                .build();

        assertThatIllegalArgumentException().isThrownBy(() -> new BlockingScheduledQueue(service, Duration.ZERO));
    }
}

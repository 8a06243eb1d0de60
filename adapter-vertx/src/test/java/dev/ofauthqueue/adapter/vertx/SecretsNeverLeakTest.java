package dev.ofauthqueue.adapter.vertx;

import static dev.ofauthqueue.adapter.vertx.ScriptedServer.error;
import static dev.ofauthqueue.adapter.vertx.ScriptedServer.hang;
import static dev.ofauthqueue.adapter.vertx.ScriptedServer.raw;
import static dev.ofauthqueue.adapter.vertx.ScriptedServer.reset;
import static dev.ofauthqueue.adapter.vertx.ScriptedServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.MassMessageDraft;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.RetryPolicy;
import dev.ofauthqueue.ports.in.MessageRef;
import dev.ofauthqueue.ports.out.OfAuthException;
import dev.ofauthqueue.ports.service.ScheduledQueueService;
import dev.ofauthqueue.testkit.StageWaiter;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Drives succeeding and failing calls of every kind while capturing the client's log output (slf4j-simple at debug,
 * to stdout), then looks for the API key and the connection id in the logs, in every exception's message and stack
 * trace, and in every toString. Neither may appear anywhere.
 */
class SecretsNeverLeakTest {

    static final String SECRET_KEY = "sk_live_TOPSECRETKEY987";
    static final String SECRET_CONN = "conn_TOPSECRETCONN654";

    @Test
    void neitherTheApiKeyNorTheConnectionIdAppearsInLogsExceptionsOrToStrings() throws Exception {
        Vertx vertx = Vertx.vertx();
        PrintStream realOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<Object> seen = new ArrayList<>();
        try (ScriptedServer server = new ScriptedServer(vertx)) {
            server.then(status(200, "{\"id\":1,\"text\":\"ok\"}"))
                    .then(status(200, "{\"success\":true,\"queue\":{\"id\":1,\"isCanceled\":true}}"))
                    .then(error(401, "UNAUTHORIZED"))
                    .then(error(403, "FORBIDDEN"))
                    .then(error(400, "BAD_REQUEST"))
                    .then(error(429, "RATE_LIMIT_EXCEEDED"))
                    .then(error(429, "RATE_LIMIT_EXCEEDED"))
                    .then(error(429, "RATE_LIMIT_EXCEEDED"))
                    .then(error(429, "RATE_LIMIT_EXCEEDED"))
                    .then(raw(500, "text/html", "<h1>boom</h1>"))
                    .then(raw(200, "application/json", "{broken"))
                    .then(hang())
                    .then(reset());
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            VertxOfAuthClient client = VertxOfAuthClient.create(
                    vertx,
                    OfAuthClientOptions.builder(new ApiKey(SECRET_KEY))
                            .baseUrl(server.baseUrl())
                            .defaultConnection(ConnectionId.of(SECRET_CONN))
                            .requestTimeout(Duration.ofMillis(300))
                            .retryPolicy(RetryPolicy.NONE)
                            .build(),
                    new VertxOfAuthClient.Collaborators(
                            VirtualTime.automatic(), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), () -> 0.5, seen::add));
            ConnectionId conn = ConnectionId.of(SECRET_CONN);
            ScheduledQueueService service =
                    ScheduledQueueService.builder(client).build();
            seen.add(client);
            seen.add(client.options());
            seen.add(conn);
            seen.add(new MessageRef(conn, MassMessageId.of(1)));
            for (int i = 0; i < 12; i++) {
                CompletionStage<?> call = switch (i % 4) {
                    case 0 -> client.fetchMassMessage(conn, MassMessageId.of(1));
                    case 1 -> client.deleteScheduledMassMessage(conn, MassMessageId.of(1));
                    case 2 -> client.fetchScheduledPage(conn, 0, 20);
                    default ->
                        client.scheduleMassMessage(
                                conn, MassMessageDraft.scheduled("x", Instant.parse("2030-01-01T00:00:00Z")));
                };
                seen.add(outcome(call));
            }
            seen.add(outcome(service.deleteScheduledMassMessage(new MessageRef(conn, MassMessageId.of(1)))));
            client.close();
        } finally {
            System.setOut(realOut);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        String logs = captured.toString(StandardCharsets.UTF_8);
        StringBuilder everything = new StringBuilder(logs);
        for (Object o : seen) {
            everything.append('\n').append(o);
            if (o instanceof Throwable t) {
                StringWriter trace = new StringWriter();
                t.printStackTrace(new PrintWriter(trace));
                everything.append(trace);
            }
        }

        assertThat(logs).contains("DEBUG").contains("/v2/access/mass-messages");
        assertThat(seen).hasAtLeastOneElementOfType(OfAuthException.class);
        assertThat(everything.toString()).doesNotContain("TOPSECRETKEY987").doesNotContain("TOPSECRETCONN654");
    }

    private static Object outcome(CompletionStage<?> call) {
        try {
            return call.toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return StageWaiter.unwrap(e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

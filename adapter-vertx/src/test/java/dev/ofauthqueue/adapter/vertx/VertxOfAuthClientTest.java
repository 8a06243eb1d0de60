package dev.ofauthqueue.adapter.vertx;

import static dev.ofauthqueue.adapter.vertx.ScriptedServer.error;
import static dev.ofauthqueue.adapter.vertx.ScriptedServer.hang;
import static dev.ofauthqueue.adapter.vertx.ScriptedServer.raw;
import static dev.ofauthqueue.adapter.vertx.ScriptedServer.reset;
import static dev.ofauthqueue.adapter.vertx.ScriptedServer.status;
import static dev.ofauthqueue.adapter.vertx.ScriptedServer.truncated;
import static dev.ofauthqueue.testkit.StageWaiter.await;
import static dev.ofauthqueue.testkit.StageWaiter.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ClientRateLimit;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeleteRoute;
import dev.ofauthqueue.MassMessageDraft;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.RequestListener;
import dev.ofauthqueue.RetryPolicy;
import dev.ofauthqueue.ports.out.DeleteRequestOutcome;
import dev.ofauthqueue.ports.out.OfAuthException;
import dev.ofauthqueue.ports.out.QueuePage;
import dev.ofauthqueue.ports.out.RateBudget;
import dev.ofauthqueue.ports.out.SendPermit;
import dev.ofauthqueue.testkit.HostileUpstream;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VertxOfAuthClientTest {

    static final ApiKey KEY = new ApiKey("sk_live_SECRETKEY123");
    static final ConnectionId CONN = ConnectionId.of("conn_SECRETCONN456");
    static final MassMessageId ID = MassMessageId.of(5001);
    static final Instant WALL = Instant.parse("2026-11-01T12:00:00Z");
    static final String ITEM =
            "{\"id\":5001,\"text\":\"hi\",\"date\":\"2026-11-01T14:00:00+00:00\",\"price\":\"5.00\"}";
    static final String DELETED = "{\"success\":true,\"queue\":{\"id\":5001,\"text\":\"hi\",\"isCanceled\":true}}";

    Vertx vertx;
    ScriptedServer server;
    VirtualTime time;
    List<RequestListener.Attempt> attempts;
    VertxOfAuthClient client;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = new ScriptedServer(vertx);
        time = VirtualTime.automatic();
        attempts = new CopyOnWriteArrayList<>();
        client = client(OfAuthClientOptions.builder(KEY)
                .baseUrl(server.baseUrl())
                .rateLimitOff()
                .requestTimeout(Duration.ofMillis(400))
                .build());
    }

    /** Replaces the client by one whose listener writes down each attempt's start, end, or call-off. */
    void useTracingClient(List<String> heard) {
        client.close();
        client = VertxOfAuthClient.create(
                vertx,
                OfAuthClientOptions.builder(KEY)
                        .baseUrl(server.baseUrl())
                        .rateLimitOff()
                        .requestTimeout(Duration.ofMillis(400))
                        .build(),
                new VertxOfAuthClient.Collaborators(
                        time, Clock.fixed(WALL, ZoneOffset.UTC), () -> 0.5, tracingListener(heard)));
    }

    /** A listener that writes down each attempt's start, end, or call-off. */
    static RequestListener tracingListener(List<String> heard) {
        return new RequestListener() {
            @Override
            public void onAttempt(RequestListener.Attempt event) {
                heard.add("onAttempt " + event.attempt());
            }

            @Override
            public RequestListener.AttemptEnd attemptStarted(RequestListener.AttemptStart start) {
                heard.add("start " + start.method() + " " + start.route() + " " + start.attempt());
                return new RequestListener.AttemptEnd() {
                    @Override
                    public void ended(RequestListener.Attempt event) {
                        heard.add("end " + event.attempt() + " " + event.status() + " " + event.outcome());
                    }

                    @Override
                    public void notSent() {
                        heard.add("not sent " + start.attempt());
                    }
                };
            }
        };
    }

    VertxOfAuthClient client(OfAuthClientOptions options) {
        return VertxOfAuthClient.create(
                vertx,
                options,
                new VertxOfAuthClient.Collaborators(time, Clock.fixed(WALL, ZoneOffset.UTC), () -> 0.5, attempts::add));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Nested
    class WhenSendingRequests {

        @Test
        void sendsTheSpecsDeleteWithBothHeaders() {
            server.then(status(200, DELETED));

            DeleteRequestOutcome result = await(client.deleteScheduledMassMessage(CONN, ID));

            assertThat(result)
                    .isInstanceOfSatisfying(
                            DeleteRequestOutcome.Deleted.class,
                            d -> assertThat(d.message().canceled()).isTrue());
            ScriptedServer.Seen seen = server.seen.get(0);
            assertThat(seen.method()).isEqualTo("DELETE");
            assertThat(seen.path()).isEqualTo("/v2/access/mass-messages/scheduled/5001");
            assertThat(seen.headers())
                    .containsEntry("apiKey", "sk_live_SECRETKEY123")
                    .containsEntry("x-connection-id", "conn_SECRETCONN456");
        }

        @Test
        void theGenericDeleteRouteIsAnOption() {
            server.then(status(200, DELETED));
            VertxOfAuthClient generic = client(OfAuthClientOptions.builder(KEY)
                    .baseUrl(server.baseUrl())
                    .rateLimitOff()
                    .deleteRoute(DeleteRoute.GENERIC)
                    .build());

            await(generic.deleteScheduledMassMessage(CONN, ID));

            assertThat(server.seen.get(0).path()).isEqualTo("/v2/access/mass-messages/5001");
            generic.close();
        }

        @Test
        void aJobsDeleteAlwaysTakesTheScheduledRouteWhateverTheConfiguredRoute() {
            server.then(status(200, DELETED));
            VertxOfAuthClient generic = client(OfAuthClientOptions.builder(KEY)
                    .baseUrl(server.baseUrl())
                    .rateLimitOff()
                    .deleteRoute(DeleteRoute.GENERIC)
                    .build());

            await(generic.deleteIfStillScheduled(CONN, ID, SendPermit.ALWAYS));

            assertThat(server.seen.get(0).path()).isEqualTo("/v2/access/mass-messages/scheduled/5001");
            generic.close();
        }

        @Test
        void theDeletedQueueObjectIsHandedBackExactlyAsReceived() {
            String queue = "{ \"id\" : 5001, \"price\": \"5.00\", \"isCanceled\": true, \"extra\": {\"n\": 1.50e2},"
                    + " \"text\": \"caf\\u00e9\" }";
            server.then(status(200, "{\"success\": true, \"queue\": " + queue + "}"));

            DeleteRequestOutcome result = await(client.deleteScheduledMassMessage(CONN, ID));

            assertThat(result)
                    .isInstanceOfSatisfying(
                            DeleteRequestOutcome.Deleted.class,
                            d -> assertThat(d.rawQueue()).contains(queue));
        }

        @Test
        void eachListedItemIsHandedBackExactlyAsReceived() {
            String second = "{\"id\":5002,  \"text\":\"b\", \"unknownField\":[1,{\"x\":null}]}";
            server.then(status(200, "{\"hasMore\":false,\"list\":[" + ITEM + ",\n " + second + "]}"));

            QueuePage page = await(client.fetchScheduledPage(CONN, 0, 20));

            assertThat(page.rawItem(ID)).contains(ITEM);
            assertThat(page.rawItem(MassMessageId.of(5002))).contains(second);
        }

        @Test
        void listsAPageOfTheScheduledQueue() {
            server.then(status(200, "{\"hasMore\":true,\"list\":[" + ITEM + "]}"));

            QueuePage page = await(client.fetchScheduledPage(CONN, 40, 20));

            assertThat(page.hasMore()).isTrue();
            assertThat(page.items())
                    .singleElement()
                    .satisfies(m -> assertThat(m.id()).isEqualTo(ID));
            assertThat(server.seen.get(0).path())
                    .isEqualTo("/v2/access/mass-messages?type=scheduled&limit=20&offset=40");
        }

        @Test
        void refusesPageArgumentsOfAShapeOfAuthRefuses() {
            assertThat(failureOf(client.fetchScheduledPage(CONN, 0, 21))).isInstanceOf(IllegalArgumentException.class);
            assertThat(failureOf(client.fetchScheduledPage(CONN, -1, 5))).isInstanceOf(IllegalArgumentException.class);
            assertThat(server.seen).isEmpty();
        }

        @Test
        void readsOneMessageAndTreatsA404AsAbsent() {
            server.then(status(200, ITEM)).then(error(404, "RESOURCE_NOT_FOUND"));

            assertThat(await(client.fetchMassMessage(CONN, ID)))
                    .hasValueSatisfying(m -> assertThat(m.isPaid()).isTrue());
            assertThat(await(client.fetchMassMessage(CONN, ID))).isEmpty();
            assertThat(server.seen.get(0).path()).isEqualTo("/v2/access/mass-messages/5001");
        }

        @Test
        void a404ThatIsNotAMissingMessageIsAnErrorNotAbsence() {
            server.then(error(404, "ROUTE_NOT_FOUND"))
                    .then(raw(404, "text/html", "<h1>Not Found</h1>"))
                    .then(error(404, "ROUTE_NOT_FOUND"));

            assertThat(failureOf(client.fetchMassMessage(CONN, ID)))
                    .isInstanceOfSatisfying(
                            OfAuthException.NotFound.class,
                            e -> assertThat(e.type()).contains("ROUTE_NOT_FOUND"));
            assertThat(failureOf(client.fetchMassMessage(CONN, ID))).isInstanceOf(OfAuthException.NotFound.class);
            assertThat(failureOf(client.deleteScheduledMassMessage(CONN, ID)))
                    .isInstanceOf(OfAuthException.NotFound.class);
        }

        @Test
        void schedulesAndReschedulesWithAUtcDate() {
            server.then(status(200, "{\"id\":9001,\"date\":\"2026-12-01T10:00:00+00:00\",\"isDone\":false}"))
                    .then(status(200, "{\"id\":9001,\"date\":\"2026-12-02T10:00:00+00:00\"}"));

            var created = await(client.scheduleMassMessage(
                    CONN, MassMessageDraft.scheduled("hi", Instant.parse("2026-12-01T10:00:00Z"))));
            var moved = await(client.rescheduleMassMessage(
                    CONN,
                    MassMessageId.of(9001),
                    MassMessageDraft.scheduled("hi", Instant.parse("2026-12-02T10:00:00Z"))));

            assertThat(created.id().value()).isEqualTo(9001);
            assertThat(moved.sendAt()).contains(Instant.parse("2026-12-02T10:00:00Z"));
            assertThat(server.seen.get(0).method()).isEqualTo("POST");
            assertThat(server.seen.get(0).body()).contains("\"scheduledDate\":\"2026-12-01T10:00:00+00:00\"");
            assertThat(server.seen.get(0).headers()).containsEntry("Content-Type", "application/json");
            assertThat(server.seen.get(1).method()).isEqualTo("PUT");
            assertThat(server.seen.get(1).path()).isEqualTo("/v2/access/mass-messages/9001");
        }
    }

    @Nested
    class WhenOfAuthAnswersAnError {

        static Stream<Arguments> errorMappings() {
            return Stream.of(
                    Arguments.of(400, "BAD_REQUEST", OfAuthException.BadRequest.class),
                    Arguments.of(401, "UNAUTHORIZED", OfAuthException.Authentication.class),
                    Arguments.of(401, "SESSION_NOT_PROVIDED", OfAuthException.Authentication.class),
                    Arguments.of(401, "SESSION_EXPIRED", OfAuthException.Authentication.class),
                    Arguments.of(403, "FORBIDDEN", OfAuthException.Permission.class),
                    Arguments.of(404, "ROUTE_NOT_FOUND", OfAuthException.NotFound.class),
                    Arguments.of(422, "UNPROCESSABLE", OfAuthException.BadRequest.class),
                    Arguments.of(429, "RATE_LIMIT_EXCEEDED", OfAuthException.RateLimited.class),
                    Arguments.of(500, "INTERNAL", OfAuthException.Server.class),
                    Arguments.of(502, "PROXY_ERROR", OfAuthException.Server.class),
                    Arguments.of(503, "NETWORK_ERROR", OfAuthException.Server.class),
                    Arguments.of(504, "GATEWAY_TIMEOUT", OfAuthException.Server.class));
        }

        @ParameterizedTest(name = "{0} {1} -> {2}")
        @MethodSource("errorMappings")
        void mapsEveryStatusAndTypeToItsException(int status, String type, Class<? extends OfAuthException> expected) {
            server.always(error(status, type));

            Throwable failure = failureOf(client.fetchScheduledPage(CONN, 0, 20));

            assertThat(failure).isInstanceOf(expected);
            OfAuthException e = (OfAuthException) failure;
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.type()).contains(type);
            assertThat(e.requestId()).contains("req_t" + status);
            assertThat(e.getMessage()).contains("something about " + type).contains("GET /v2/access/mass-messages");
        }

        @Test
        void anExpiredSessionSaysWhatToDo() {
            server.then(
                    status(
                            401,
                            "{\"error\":\"Session expired\",\"type\":\"SESSION_EXPIRED\",\"requestId\":\"req_e\",\"actionRequired\":\"refresh_session\"}"));

            Throwable failure = failureOf(client.fetchMassMessage(CONN, ID));

            assertThat(failure).isInstanceOfSatisfying(OfAuthException.Authentication.class, e -> {
                assertThat(e.isSessionExpired()).isTrue();
                assertThat(e.actionRequired()).contains("refresh_session");
            });
        }

        @Test
        void readsTheOlderEnvelopeToo() {
            server.then(status(
                    400, "{\"message\":\"Invalid key format\",\"code\":\"AUTH_INVALID_KEY\",\"details\":{\"x\":1}}"));

            Throwable failure = failureOf(client.fetchMassMessage(CONN, ID));

            assertThat(failure).isInstanceOfSatisfying(OfAuthException.BadRequest.class, e -> {
                assertThat(e.type()).contains("AUTH_INVALID_KEY");
                assertThat(e.getMessage()).contains("Invalid key format");
                assertThat(e.requestId()).contains("req_h400");
            });
        }

        @Test
        void readsPlainTextAndHtmlErrorPages() {
            server.then(raw(403, "text/plain", "Forbidden by policy"))
                    .then(
                            raw(
                                    500,
                                    "text/html",
                                    "<html><head><style>p{}</style></head><body><h1>Internal Server Error</h1><p>nginx</p></body></html>"));

            Throwable text = failureOf(client.fetchMassMessage(CONN, ID));
            Throwable html = failureOf(client.fetchMassMessage(CONN, ID));

            assertThat(text).isInstanceOf(OfAuthException.Permission.class).hasMessageContaining("Forbidden by policy");
            assertThat(html)
                    .isInstanceOf(OfAuthException.Server.class)
                    .hasMessageContaining("Internal Server Error nginx")
                    .hasMessageNotContaining("<h1>");
        }

        @Test
        void aSuccessThatIsNotJsonIsADecodingError() {
            server.then(raw(200, "text/html", "<html>maintenance</html>"))
                    .then(raw(200, "application/json", "{\"id\": 5001, \"text\": "))
                    .then(raw(200, "application/json", "[]"));

            assertThat(failureOf(client.fetchMassMessage(CONN, ID)))
                    .isInstanceOf(OfAuthException.Decoding.class)
                    .hasMessageContaining("Content-Type");
            assertThat(failureOf(client.fetchMassMessage(CONN, ID)))
                    .isInstanceOfSatisfying(
                            OfAuthException.Decoding.class,
                            e -> assertThat(e.status()).isEqualTo(200));
            assertThat(failureOf(client.fetchMassMessage(CONN, ID))).isInstanceOf(OfAuthException.Decoding.class);
        }

        @Test
        void aDeleteAnsweredWithAnUnreadableSuccessIsUnconfirmedNotFailed() {
            server.then(status(200, "{\"success\":false}"))
                    .then(raw(200, "text/plain", DELETED))
                    .then(raw(200, "application/json", "{oops"));

            assertThat(await(client.deleteScheduledMassMessage(CONN, ID)))
                    .isInstanceOfSatisfying(
                            DeleteRequestOutcome.Unconfirmed.class,
                            u -> assertThat(u.cause()).isInstanceOf(OfAuthException.Decoding.class));
            assertThat(await(client.deleteScheduledMassMessage(CONN, ID)))
                    .isInstanceOf(DeleteRequestOutcome.Unconfirmed.class);
            assertThat(await(client.deleteScheduledMassMessage(CONN, ID)))
                    .isInstanceOf(DeleteRequestOutcome.Unconfirmed.class);
        }

        @Test
        void aDeleteAnsweredWith400IsOfAuthsRefusalNotAFailure() {
            server.then(error(400, "BAD_REQUEST"));

            assertThat(await(client.deleteScheduledMassMessage(CONN, ID)))
                    .isInstanceOfSatisfying(DeleteRequestOutcome.RefusedByOfAuth.class, r -> {
                        assertThat(r.status()).isEqualTo(400);
                        assertThat(r.detail()).isEqualTo("something about BAD_REQUEST");
                        assertThat(r.type()).contains("BAD_REQUEST");
                        assertThat(r.requestId()).contains("req_t400");
                    });
            assertThat(attempts)
                    .extracting(RequestListener.Attempt::outcome)
                    .containsExactly(RequestListener.Outcome.REFUSED);
        }

        @Test
        void aDeleteRefusedWithAnotherClientErrorIsAFailureNotUnconfirmed() {
            server.then(error(409, "CONFLICT"));

            assertThat(failureOf(client.deleteScheduledMassMessage(CONN, ID)))
                    .isInstanceOf(OfAuthException.BadRequest.class);
        }

        @Test
        void aReadAnsweredWith400IsStillAFailure() {
            server.then(error(400, "BAD_REQUEST"));

            assertThat(failureOf(client.fetchMassMessage(CONN, ID))).isInstanceOf(OfAuthException.BadRequest.class);
        }
    }

    @Nested
    class WhenRetrying {

        @Test
        void retriesGetOn503WithJitteredExponentialBackoff() {
            server.then(error(503, "NETWORK_ERROR"))
                    .then(error(502, "PROXY_ERROR"))
                    .then(error(504, "TIMEOUT"))
                    .then(status(200, ITEM));

            assertThat(await(client.fetchMassMessage(CONN, ID))).isPresent();

            assertThat(server.seen).hasSize(4);
            assertThat(time.requested)
                    .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
            assertThat(attempts)
                    .extracting(RequestListener.Attempt::outcome)
                    .containsExactly(
                            RequestListener.Outcome.RETRYING,
                            RequestListener.Outcome.RETRYING,
                            RequestListener.Outcome.RETRYING,
                            RequestListener.Outcome.SUCCEEDED);
            assertThat(attempts).extracting(RequestListener.Attempt::attempt).containsExactly(1, 2, 3, 4);
        }

        @Test
        void givesUpAfterTheLastAttempt() {
            server.always(error(503, "NETWORK_ERROR"));

            assertThat(failureOf(client.fetchMassMessage(CONN, ID))).isInstanceOf(OfAuthException.Server.class);
            assertThat(server.seen).hasSize(RetryPolicy.DEFAULT.maxAttempts());
        }

        @Test
        void neverRetriesAPost() {
            server.always(error(503, "NETWORK_ERROR"));

            Throwable failure = failureOf(client.scheduleMassMessage(
                    CONN, MassMessageDraft.scheduled("once", Instant.parse("2026-12-01T00:00:00Z"))));

            assertThat(failure).isInstanceOf(OfAuthException.Server.class);
            assertThat(server.seen).hasSize(1);
            assertThat(time.requested).isEmpty();
        }

        @Test
        void neverRetriesAPostThatTimedOut() {
            server.always(hang());

            Throwable failure = failureOf(client.scheduleMassMessage(
                    CONN, MassMessageDraft.scheduled("once", Instant.parse("2026-12-01T00:00:00Z"))));

            assertThat(failure)
                    .isInstanceOfSatisfying(
                            OfAuthException.Transport.class,
                            t -> assertThat(t.kind()).isEqualTo(OfAuthException.Transport.Kind.TIMEOUT));
            // The client's own account is exact: one attempt, which ended the call, and no backoff asked for.
            assertThat(attempts)
                    .extracting(RequestListener.Attempt::attempt, RequestListener.Attempt::outcome)
                    .containsExactly(tuple(1, RequestListener.Outcome.FAILED));
            assertThat(time.requested).isEmpty();
            // The server's count can only be at most one: on a loaded machine the 400 ms may pass before it reads it.
            assertThat(server.seen).hasSizeLessThanOrEqualTo(1);
        }

        @Test
        void honoursRetryAfter() {
            server.then(status(
                            429,
                            "{\"error\":\"slow down\",\"type\":\"RATE_LIMIT_EXCEEDED\"}",
                            Map.of("Retry-After", "7")))
                    .then(status(200, ITEM));

            assertThat(await(client.fetchMassMessage(CONN, ID))).isPresent();
            assertThat(time.requested).containsExactly(Duration.ofSeconds(7));
        }

        @Test
        void aListenerHearsEachAttemptStartAndThenItsEndOnce() {
            List<String> heard = new CopyOnWriteArrayList<>();
            useTracingClient(heard);
            server.then(status(
                            429,
                            "{\"error\":\"slow down\",\"type\":\"RATE_LIMIT_EXCEEDED\"}",
                            Map.of("Retry-After", "7")))
                    .then(status(200, ITEM));

            assertThat(await(client.fetchMassMessage(CONN, ID))).isPresent();
            assertThat(heard)
                    .containsExactly(
                            "start GET /v2/access/mass-messages/{id} 1",
                            "end 1 429 RETRYING",
                            "start GET /v2/access/mass-messages/{id} 2",
                            "end 2 200 SUCCEEDED");
        }

        @Test
        void usesTheRateLimitResetWhenThereIsNoRetryAfter() {
            String reset = Long.toString(WALL.plusSeconds(12).getEpochSecond());
            server.then(status(
                            429,
                            "{\"error\":\"slow down\",\"type\":\"RATE_LIMIT_EXCEEDED\"}",
                            Map.of("X-RateLimit-Reset", reset)))
                    .then(status(200, ITEM));

            await(client.fetchMassMessage(CONN, ID));

            assertThat(time.requested).containsExactly(Duration.ofSeconds(12));
        }

        @Test
        void theDeadlineStopsRetries() {
            VertxOfAuthClient impatient = client(OfAuthClientOptions.builder(KEY)
                    .baseUrl(server.baseUrl())
                    .rateLimitOff()
                    .requestTimeout(Duration.ofSeconds(1))
                    .deadline(Duration.ofSeconds(10))
                    .build());
            server.always(status(
                    429, "{\"error\":\"slow down\",\"type\":\"RATE_LIMIT_EXCEEDED\"}", Map.of("Retry-After", "11")));

            Throwable failure = failureOf(impatient.fetchMassMessage(CONN, ID));

            assertThat(failure)
                    .isInstanceOfSatisfying(
                            OfAuthException.RateLimited.class,
                            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(11)));
            assertThat(server.seen).hasSize(1);
            impatient.close();
        }

        @Test
        void aTimeoutIsRetriedForGetAndReportedAsTransportAtTheEnd() {
            server.always(hang());

            Throwable failure = failureOf(client.fetchMassMessage(CONN, ID));

            assertThat(failure).isInstanceOfSatisfying(OfAuthException.Transport.class, t -> {
                assertThat(t.kind()).isEqualTo(OfAuthException.Transport.Kind.TIMEOUT);
                assertThat(t.mayHaveReachedServer()).isTrue();
                assertThat(t.status()).isZero();
            });
            assertThat(server.seen).hasSize(4);
        }

        @Test
        void aDeleteWhoseRetryAnswers404AfterATimeoutIsGone() {
            server.then(hang()).then(error(404, "RESOURCE_NOT_FOUND"));

            DeleteRequestOutcome result = await(client.deleteScheduledMassMessage(CONN, ID));

            assertThat(result).isEqualTo(new DeleteRequestOutcome.NotFoundOnRetry());
            assertThat(server.seen).hasSize(2);
        }

        @Test
        void aDeleteWhoseRetryAnswers404AfterAGatewayErrorIsNotFoundOnRetry() {
            server.then(error(504, "GATEWAY_TIMEOUT")).then(error(404, "RESOURCE_NOT_FOUND"));

            assertThat(await(client.deleteScheduledMassMessage(CONN, ID)))
                    .isEqualTo(new DeleteRequestOutcome.NotFoundOnRetry());
        }

        @Test
        void aDeleteWhoseRetryAfterA429Answers404IsPlainlyNotFound() {
            server.then(status(429, "{\"type\":\"RATE_LIMIT_EXCEEDED\"}", Map.of("Retry-After", "1")))
                    .then(error(404, "RESOURCE_NOT_FOUND"));

            assertThat(await(client.deleteScheduledMassMessage(CONN, ID)))
                    .isEqualTo(new DeleteRequestOutcome.NotFound());
        }

        @Test
        void aDeleteThatTimedOutAndThenCouldNotConnectIsUnconfirmedNotFailed() throws Exception {
            // Takes one connection and never answers on it, then stops listening: the retry finds nobody there.
            ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            try {
                CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                    try {
                        Socket socket = listening.accept();
                        listening.close();
                        return socket;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                VertxOfAuthClient toVanishing = client(OfAuthClientOptions.builder(KEY)
                        .baseUrl("http://127.0.0.1:" + listening.getLocalPort())
                        .rateLimitOff()
                        .requestTimeout(Duration.ofMillis(400))
                        .build());

                DeleteRequestOutcome result = await(toVanishing.deleteScheduledMassMessage(CONN, ID));

                assertThat(result)
                        .isInstanceOfSatisfying(
                                DeleteRequestOutcome.Unconfirmed.class,
                                u -> assertThat(u.cause())
                                        .isInstanceOfSatisfying(
                                                OfAuthException.Transport.class,
                                                t -> assertThat(t.kind())
                                                        .isEqualTo(OfAuthException.Transport.Kind.CONNECT)));
                toVanishing.close();
                accepted.get(10, TimeUnit.SECONDS).close();
            } finally {
                listening.close();
            }
        }

        @Test
        void aDeleteWhoseRetryWaitsForATokenPastTheDeadlineIsUnconfirmed() {
            VertxOfAuthClient oneAMinute = client(OfAuthClientOptions.builder(KEY)
                    .baseUrl(server.baseUrl())
                    .rateLimit(new ClientRateLimit(1, 1))
                    .requestTimeout(Duration.ofMillis(400))
                    .deadline(Duration.ofSeconds(1))
                    .build());
            server.then(hang()).then(status(200, DELETED));

            DeleteRequestOutcome result = await(oneAMinute.deleteScheduledMassMessage(CONN, ID));

            assertThat(result)
                    .isInstanceOfSatisfying(
                            DeleteRequestOutcome.Unconfirmed.class,
                            u -> assertThat(u.cause()).isInstanceOf(OfAuthException.RateLimited.class));
            assertThat(server.seen).hasSize(1);
            oneAMinute.close();
        }

        VertxOfAuthClient smallAnswers() {
            return client(OfAuthClientOptions.builder(KEY)
                    .baseUrl(server.baseUrl())
                    .rateLimitOff()
                    .requestTimeout(Duration.ofSeconds(20))
                    .deadline(Duration.ofSeconds(60))
                    .maxAnswerBytes(1024)
                    .build());
        }

        @Test
        void anAnswerLargerThanTheLimitIsNotReadAndTheCallFailsNamingTheLimitWithoutRetrying() {
            server.then(raw(200, "application/json", "[" + " ".repeat(4096) + "]"));
            VertxOfAuthClient small = smallAnswers();

            assertThat(failureOf(small.fetchMassMessage(CONN, ID)))
                    .isInstanceOfSatisfying(
                            OfAuthException.Decoding.class,
                            e -> assertThat(e.status()).isEqualTo(200))
                    .hasMessageContaining("the answer is larger than the limit of 1024 bytes (maxAnswerBytes)");
            assertThat(server.seen).hasSize(1);
            small.close();
        }

        @Test
        void aLargeAnswerIsDecodedOnAWorkerAndASmallOneOnTheEventLoop() {
            String large = ITEM.replace("\"hi\"", "\"" + "x".repeat(RequestSender.DECODED_ON_THE_LOOP) + "\"");
            server.then(r -> ScriptedServer.json(r, 200, large));
            server.then(r -> ScriptedServer.json(r, 200, ITEM));
            List<String> decodedOn = new CopyOnWriteArrayList<>();
            VertxOfAuthClient watched = VertxOfAuthClient.create(
                    vertx,
                    OfAuthClientOptions.builder(KEY)
                            .baseUrl(server.baseUrl())
                            .rateLimitOff()
                            .build(),
                    // The listener hears of an attempt on the thread that decoded its answer.
                    new VertxOfAuthClient.Collaborators(
                            time,
                            Clock.fixed(WALL, ZoneOffset.UTC),
                            () -> 0.5,
                            attempt -> decodedOn.add(Thread.currentThread().getName())));

            assertThat(await(watched.fetchMassMessage(CONN, ID)).orElseThrow().text())
                    .hasSize(RequestSender.DECODED_ON_THE_LOOP);
            assertThat(await(watched.fetchMassMessage(CONN, ID)).orElseThrow().text())
                    .isEqualTo("hi");

            assertThat(decodedOn)
                    .satisfiesExactly(
                            first -> assertThat(first).startsWith("vert.x-worker-thread"),
                            // No worker hop: on the event loop, or on the caller's thread when the answer was
                            // already complete as its handler was attached (seen on a loaded machine).
                            second -> assertThat(second).doesNotStartWith("vert.x-worker-thread"));
            watched.close();
        }

        @Test
        void anAnswerThatTricklesInEndsEachAttemptAtItsTimeoutThoughEveryByteBeatsTheIdleTimeout() {
            try (HostileUpstream upstream = HostileUpstream.start()
                    .on("GET", "/v2/access/mass-messages", HostileUpstream.slow(Duration.ofMillis(20)))) {
                VertxOfAuthClient patient = client(OfAuthClientOptions.builder(KEY)
                        .baseUrl(upstream.baseUrl())
                        .rateLimitOff()
                        .requestTimeout(Duration.ofMillis(300))
                        .build());

                assertThat(failureOf(patient.fetchMassMessage(CONN, ID)))
                        .isInstanceOfSatisfying(
                                OfAuthException.Transport.class,
                                e -> assertThat(e.kind()).isEqualTo(OfAuthException.Transport.Kind.TIMEOUT))
                        .hasMessageContaining("no answer within 300 ms");
                assertThat(attempts)
                        .as("each attempt ended, and the retries are bounded")
                        .hasSizeBetween(
                                1,
                                OfAuthClientOptions.builder(KEY)
                                        .build()
                                        .retryPolicy()
                                        .maxAttempts())
                        .hasSize(upstream.requests());
                patient.close();
            }
        }

        @Test
        void anEndlessAnswerIsCutOffAtTheLimit() {
            server.always(ScriptedServer.endless());
            VertxOfAuthClient small = smallAnswers();

            assertThat(failureOf(small.fetchMassMessage(CONN, ID)))
                    .isInstanceOf(OfAuthException.Decoding.class)
                    .hasMessageContaining("larger than the limit of 1024 bytes");
            assertThat(server.seen).as("not retried").hasSize(1);
            small.close();
        }

        @Test
        void aDeleteAnsweredTwoHundredWithAnAnswerTooLargeIsUnconfirmed() {
            server.always(ScriptedServer.endless());
            VertxOfAuthClient small = smallAnswers();

            assertThat(await(small.deleteScheduledMassMessage(CONN, ID)))
                    .isInstanceOfSatisfying(
                            DeleteRequestOutcome.Unconfirmed.class,
                            u -> assertThat(u.cause()).isInstanceOf(OfAuthException.Decoding.class));
            assertThat(server.seen).hasSize(1);
            small.close();
        }

        @Test
        void aPlain404ToADeleteIsNotFoundWithoutDoubt() {
            server.then(error(404, "RESOURCE_NOT_FOUND"));

            assertThat(await(client.deleteScheduledMassMessage(CONN, ID)))
                    .isEqualTo(new DeleteRequestOutcome.NotFound());
        }

        @Test
        void aJobsDeleteWhosePermitWithholdsTheFirstAttemptSendsNothing() {
            server.always(r -> ScriptedServer.json(r, 200, DELETED));
            List<Duration> asked = new CopyOnWriteArrayList<>();
            SendPermit lapsed = wanted -> {
                asked.add(wanted);
                return CompletableFuture.completedFuture(Duration.ZERO);
            };

            DeleteRequestOutcome result = await(client.deleteIfStillScheduled(CONN, ID, lapsed));

            assertThat(result).isEqualTo(new DeleteRequestOutcome.Withheld(false));
            assertThat(server.seen).isEmpty();
            assertThat(asked).containsExactly(Duration.ofMillis(400));
        }

        @Test
        void aJobsPermitHearsEachAttemptItLetGoEndWithItsNumberAndDuration() {
            server.then(status(503, "{}")).then(status(200, DELETED));
            List<Integer> ended = new CopyOnWriteArrayList<>();
            List<Duration> took = new CopyOnWriteArrayList<>();
            SendPermit counting = new SendPermit() {
                @Override
                public CompletionStage<Duration> attemptLimit(Duration wanted) {
                    return CompletableFuture.completedFuture(wanted);
                }

                @Override
                public void attemptEnded(int attempt, Duration duration) {
                    ended.add(attempt);
                    took.add(duration);
                }
            };

            DeleteRequestOutcome result = await(client.deleteIfStillScheduled(CONN, ID, counting));

            assertThat(result).isInstanceOf(DeleteRequestOutcome.Deleted.class);
            assertThat(ended).as("the 503, then its retry").containsExactly(1, 2);
            assertThat(took)
                    .as("as the request listener heard them")
                    .containsExactlyElementsOf(attempts.stream()
                            .map(RequestListener.Attempt::latency)
                            .toList());
        }

        @Test
        void aJobsDeleteIsNotWrittenWhenItsProcessPausedBetweenThePermitAndTheWrite() {
            server.always(r -> ScriptedServer.json(r, 200, DELETED));
            // The permit grants 400 ms; before the request can be written, the process is paused for two seconds
            // (the monotonic clock jumps, as it does across SIGSTOP/SIGCONT). Its lease may now be another's.
            List<Integer> ended = new CopyOnWriteArrayList<>();
            SendPermit grantedThenPaused = new SendPermit() {
                @Override
                public CompletionStage<Duration> attemptLimit(Duration wanted) {
                    time.advance(Duration.ofSeconds(2));
                    return CompletableFuture.completedFuture(wanted);
                }

                @Override
                public void attemptEnded(int attempt, Duration took) {
                    ended.add(attempt);
                }
            };

            DeleteRequestOutcome result = await(client.deleteIfStillScheduled(CONN, ID, grantedThenPaused));

            assertThat(result).isEqualTo(new DeleteRequestOutcome.Withheld(false));
            assertThat(server.seen)
                    .as("the permit's time had run out when a connection was ready: nothing was written")
                    .isEmpty();
            assertThat(attempts).as("no attempt went out to be told of").isEmpty();
            assertThat(ended).as("nor to the permit").isEmpty();
        }

        @Test
        void onlyAListenerThatHearsStartsIsToldOfThemSoNoneCostsNothingBeforeTheSend() {
            RequestListener endsOnly = event -> {};
            RequestListener startsToo = new RequestListener() {
                @Override
                public void onAttempt(RequestListener.Attempt event) {}

                @Override
                public RequestListener.AttemptEnd attemptStarted(RequestListener.AttemptStart start) {
                    return event -> {};
                }
            };

            assertThat(RequestSender.hearsAttemptStarts(RequestListener.NONE)).isFalse();
            assertThat(RequestSender.hearsAttemptStarts(endsOnly)).isFalse();
            assertThat(RequestSender.hearsAttemptStarts(startsToo)).isTrue();
        }

        @Test
        void anAttemptWhoseAnswerTheReaderFailsOnIsEndedAsFailedNotLeftOpen() throws Exception {
            List<String> heard = new CopyOnWriteArrayList<>();
            server.always(r -> ScriptedServer.json(r, 200, ITEM));
            HttpClient http = vertx.createHttpClient();
            AnswerExpectation<String> buggyReader = AnswerExpectation.successOnly(a -> {
                throw new IllegalStateException("a bug in the reader");
            });

            Throwable failure = failureOf(getOneOver(http, tracingListener(heard), buggyReader));

            assertThat(failure).isInstanceOf(IllegalStateException.class);
            assertThat(heard).containsExactly("start GET /v2/access/mass-messages/{id} 1", "end 1 200 FAILED");
            http.close();
        }

        @Test
        void anHttpClientThatThrowsInsteadOfFailingFailsTheCallRatherThanLeavingItPending() {
            // Vert.x's client throws, on the event loop, for a request it cannot even start (a port out of range);
            // the attempt's future must fail with it, not stay pending for ever.
            IllegalArgumentException refused = new IllegalArgumentException("port p must be in range 0 <= p <= 65535");
            HttpClient throwing = (HttpClient) Proxy.newProxyInstance(
                    HttpClient.class.getClassLoader(), new Class<?>[] {HttpClient.class}, (proxy, method, args) -> {
                        throw refused;
                    });

            Throwable failure =
                    failureOf(getOneOver(throwing, RequestListener.NONE, AnswerExpectation.successOnly(a -> "never")));

            assertThat(failure).hasRootCause(refused);
            assertThat(failure)
                    .as("no connection, so nothing was written: a failure to connect, in the client's own words")
                    .isInstanceOfSatisfying(OfAuthException.Transport.class, t -> {
                        assertThat(t.kind()).isEqualTo(OfAuthException.Transport.Kind.CONNECT);
                        assertThat(t.mayHaveReachedServer()).isFalse();
                    })
                    .hasMessageContaining("could not connect to 127.0.0.1:")
                    .hasMessageEndingWith(refused.getMessage());
        }

        /** GET one message through a bare sender over {@code http}, with no rate limit, on virtual time. */
        private <T> CompletionStage<T> getOneOver(
                HttpClient http, RequestListener listener, AnswerExpectation<T> reader) {
            RequestSender sender = new RequestSender(
                    http,
                    vertx.getOrCreateContext(),
                    OfAuthClientOptions.builder(KEY)
                            .baseUrl(server.baseUrl())
                            .rateLimitOff()
                            .build(),
                    time,
                    Clock.fixed(WALL, ZoneOffset.UTC),
                    () -> 0.5,
                    listener,
                    Optional.empty());
            return sender.send(
                    new OfAuthRequest(
                            "GET", "/v2/access/mass-messages/{id}", "/v2/access/mass-messages/5001", CONN, null),
                    reader);
        }

        @Test
        void anAttemptStartedButNotWrittenIsCalledOffNotEnded() {
            List<String> heard = new CopyOnWriteArrayList<>();
            useTracingClient(heard);
            server.always(r -> ScriptedServer.json(r, 200, DELETED));
            SendPermit grantedThenPaused = wanted -> {
                time.advance(Duration.ofSeconds(2));
                return CompletableFuture.completedFuture(wanted);
            };

            assertThat(await(client.deleteIfStillScheduled(CONN, ID, grantedThenPaused)))
                    .isEqualTo(new DeleteRequestOutcome.Withheld(false));
            assertThat(heard).containsExactly("start DELETE /v2/access/mass-messages/scheduled/{id} 1", "not sent 1");
        }

        @Test
        void aJobsDeletePausedWithinItsPermitIsStillWritten() {
            server.always(r -> ScriptedServer.json(r, 200, DELETED));
            SendPermit grantedThenBriefPause = wanted -> {
                time.advance(Duration.ofMillis(100));
                return CompletableFuture.completedFuture(wanted);
            };

            DeleteRequestOutcome result = await(client.deleteIfStillScheduled(CONN, ID, grantedThenBriefPause));

            assertThat(result).isInstanceOf(DeleteRequestOutcome.Deleted.class);
            assertThat(server.seen).hasSize(1);
        }

        @Test
        void aJobsDeleteWhosePermitWithholdsTheRetrySendsNoRetryAndSaysTheFirstMayHaveGoneThrough() {
            server.then(hang()).then(status(200, DELETED));
            List<Duration> asked = new CopyOnWriteArrayList<>();
            SendPermit onlyOnce = wanted -> {
                asked.add(wanted);
                return CompletableFuture.completedFuture(asked.size() == 1 ? wanted : Duration.ZERO);
            };

            DeleteRequestOutcome result = await(client.deleteIfStillScheduled(CONN, ID, onlyOnce));

            assertThat(result).isEqualTo(new DeleteRequestOutcome.Withheld(true));
            assertThat(server.seen)
                    .as("the lease lapsed after the first attempt: no retry")
                    .hasSize(1);
            assertThat(asked).hasSize(2);
            assertThat(attempts)
                    .extracting(RequestListener.Attempt::outcome)
                    .containsExactly(RequestListener.Outcome.RETRYING);
        }

        @Test
        void aJobsDeleteAttemptIsGivenUpAfterTheTimeItsPermitGranted() {
            server.always(hang());
            VertxOfAuthClient patient = client(OfAuthClientOptions.builder(KEY)
                    .baseUrl(server.baseUrl())
                    .rateLimitOff()
                    .requestTimeout(Duration.ofMinutes(10))
                    .deadline(Duration.ofMinutes(30))
                    .build());
            SendPermit shortLease = wanted ->
                    CompletableFuture.completedFuture(server.seen.isEmpty() ? Duration.ofMillis(50) : Duration.ZERO);

            DeleteRequestOutcome result = await(patient.deleteIfStillScheduled(CONN, ID, shortLease));

            assertThat(result)
                    .as("a ten-minute request timeout would outlive the test; the permit's 50 ms ended the attempt")
                    .isEqualTo(new DeleteRequestOutcome.Withheld(true));
            assertThat(server.seen).hasSize(1);
            patient.close();
        }

        @Test
        void aDeleteLeftUnansweredIsUnconfirmed() {
            server.always(hang());

            DeleteRequestOutcome result = await(client.deleteScheduledMassMessage(CONN, ID));

            assertThat(result)
                    .isInstanceOfSatisfying(
                            DeleteRequestOutcome.Unconfirmed.class,
                            u -> assertThat(u.cause())
                                    .isInstanceOfSatisfying(
                                            OfAuthException.Transport.class,
                                            t -> assertThat(t.kind())
                                                    .isEqualTo(OfAuthException.Transport.Kind.TIMEOUT)));
        }

        @Test
        void aResetConnectionIsATransportFailureAndIsNotRetried() {
            server.always(reset());

            Throwable failure = failureOf(client.fetchMassMessage(CONN, ID));
            DeleteRequestOutcome deletion = await(client.deleteScheduledMassMessage(CONN, ID));

            assertThat(failure)
                    .isInstanceOfSatisfying(
                            OfAuthException.Transport.class,
                            t -> assertThat(t.kind()).isEqualTo(OfAuthException.Transport.Kind.RESET));
            assertThat(deletion).isInstanceOf(DeleteRequestOutcome.Unconfirmed.class);
            assertThat(server.seen).hasSize(2);
        }

        @Test
        void aTruncatedBodyIsATransportFailure() {
            server.always(truncated("{\"id\":5001,\"text\":\"cut"));

            Throwable failure = failureOf(client.fetchMassMessage(CONN, ID));

            assertThat(failure)
                    .isInstanceOfSatisfying(
                            OfAuthException.Transport.class,
                            t -> assertThat(t.kind()).isEqualTo(OfAuthException.Transport.Kind.RESET));
        }

        @Test
        void aRefusedConnectionIsRetriedThenReportedAsConnect() {
            // Port 1: nothing listens there, and no outgoing connection is ever given it as its own port (a closed
            // ephemeral port can be, and a connection to it then meets itself).
            String deadUrl = "http://127.0.0.1:1";
            VertxOfAuthClient toNowhere = client(OfAuthClientOptions.builder(KEY)
                    .baseUrl(deadUrl)
                    .rateLimitOff()
                    .build());

            Throwable failure = failureOf(toNowhere.fetchMassMessage(CONN, ID));

            assertThat(failure).isInstanceOfSatisfying(OfAuthException.Transport.class, t -> {
                assertThat(t.kind()).isEqualTo(OfAuthException.Transport.Kind.CONNECT);
                assertThat(t.mayHaveReachedServer()).isFalse();
            });
            assertThat(failure.getMessage()).contains("could not connect to " + deadUrl.substring("http://".length()));
            assertThat(attempts).hasSize(4);
            toNowhere.close();
        }

        @Test
        void httpsAgainstAPlainHttpServerIsAConnectFailureOnceWithAHint() {
            // The scripted server speaks plain HTTP: it answers the TLS handshake with an HTTP 400.
            VertxOfAuthClient mistaken = client(OfAuthClientOptions.builder(KEY)
                    .baseUrl(server.baseUrl().replace("http://", "https://"))
                    .rateLimitOff()
                    .build());

            Throwable failure = failureOf(mistaken.fetchMassMessage(CONN, ID));

            assertThat(failure).isInstanceOfSatisfying(OfAuthException.Transport.class, t -> {
                assertThat(t.kind()).isEqualTo(OfAuthException.Transport.Kind.CONNECT);
                assertThat(t.mayHaveReachedServer()).isFalse();
            });
            assertThat(failure.getMessage()).contains("is this http:// rather than https://?");
            assertThat(attempts)
                    .as("a plain-text answer to TLS is not tried again")
                    .hasSize(1);
            assertThat(server.seen).as("no request reached the server as one").isEmpty();
            mistaken.close();
        }
    }

    @Nested
    class WithManyConnections {

        @Test
        void manyConnectionsShareOneClientConcurrently() {
            server.always(
                    r -> ScriptedServer.json(r, 200, "{\"id\":1,\"text\":\"" + r.getHeader("x-connection-id") + "\"}"));
            VertxOfAuthClient shared = client(
                    OfAuthClientOptions.builder(KEY).baseUrl(server.baseUrl()).build());
            List<CompletableFuture<String>> answers = new ArrayList<>();
            List<String> expected = new ArrayList<>();

            for (int c = 0; c < 40; c++) {
                for (int i = 0; i < 5; i++) {
                    ConnectionId connection = ConnectionId.of("conn_c" + c);
                    expected.add(connection.value());
                    answers.add(shared.fetchMassMessage(connection, MassMessageId.of(1))
                            .toCompletableFuture()
                            .thenApply(m -> m.orElseThrow().text()));
                }
            }

            assertThat(answers.stream().map(f -> await(f)).toList()).isEqualTo(expected);
            shared.close();
        }

        @Test
        void aJobTakesItsTokenFromTheSharedBudgetBeforeTheDeleteWhichThenGoesAtOnce() {
            server.always(r -> ScriptedServer.json(r, 200, DELETED));
            VirtualTime manual = VirtualTime.manual();
            VertxOfAuthClient paced = VertxOfAuthClient.create(
                    vertx,
                    OfAuthClientOptions.builder(KEY)
                            .baseUrl(server.baseUrl())
                            .rateLimit(new ClientRateLimit(60, 1))
                            .build(),
                    new VertxOfAuthClient.Collaborators(
                            manual, Clock.fixed(WALL, ZoneOffset.UTC), () -> 0.5, RequestListener.NONE));
            RateBudget budget = paced.rateBudget();

            await(budget.take(CONN, Duration.ofSeconds(5)));
            CompletableFuture<Void> second =
                    budget.take(CONN, Duration.ofSeconds(5)).toCompletableFuture();
            assertThat(await(paced.deleteIfStillScheduled(CONN, ID, SendPermit.ALWAYS)))
                    .isInstanceOf(DeleteRequestOutcome.Deleted.class);

            assertThat(second)
                    .as("the bucket held one token, and the job took it")
                    .isNotDone();
            assertThat(budget.timeFor(CONN, 3)).isEqualTo(Duration.ofSeconds(4));
            assertThat(budget.timeFor(ConnectionId.of("conn_other"), 1)).isEqualTo(Duration.ZERO);
            assertThat(budget).hasToString("60/min burst 1");
            manual.advance(Duration.ofSeconds(1));
            await(second);
            paced.close();
        }

        @Test
        void aJobsDeleteAnswered429EndsAtOnceSoTheJobCanWaitWithoutASlot() {
            server.then(r -> r.response()
                    .setStatusCode(429)
                    .putHeader("Retry-After", "7")
                    .putHeader("Content-Type", "application/json")
                    .end("{\"error\":\"Too many\",\"type\":\"RATE_LIMITED\"}"));

            Throwable failure = failureOf(client.deleteIfStillScheduled(CONN, ID, SendPermit.ALWAYS));

            assertThat(failure)
                    .isInstanceOfSatisfying(
                            OfAuthException.RateLimited.class,
                            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
            assertThat(server.seen).hasSize(1);
        }

        @Test
        void a429WithRetryAfterPushesTheBudgetBackAndTheClientClosesTheBudgetItOpened() {
            server.then(r -> r.response()
                    .setStatusCode(429)
                    .putHeader("Retry-After", "7")
                    .putHeader("Content-Type", "application/json")
                    .end("{\"error\":\"Too many\",\"type\":\"RATE_LIMITED\"}"));
            List<String> told = new CopyOnWriteArrayList<>();
            final class Recording implements RateBudget, AutoCloseable {
                @Override
                public CompletionStage<Void> take(ConnectionId connection, Duration maxWait) {
                    return CompletableFuture.completedFuture(null);
                }

                @Override
                public Duration timeFor(ConnectionId connection, int requests) {
                    return Duration.ZERO;
                }

                @Override
                public void backOff(ConnectionId connection, Duration wait) {
                    told.add("backOff " + (connection.equals(CONN) ? "CONN" : "other") + " " + wait);
                }

                @Override
                public void close() {
                    told.add("closed");
                }
            }
            VertxOfAuthClient shared = client(OfAuthClientOptions.builder(KEY)
                    .baseUrl(server.baseUrl())
                    .rateBudget((v, limit, key, delays) -> new Recording())
                    .build());

            assertThat(failureOf(shared.deleteIfStillScheduled(CONN, ID, SendPermit.ALWAYS)))
                    .isInstanceOf(OfAuthException.RateLimited.class);
            shared.close();

            assertThat(told).containsExactly("backOff CONN PT7S", "closed");
        }

        @Test
        void theClientSideLimiterPacesOneConnectionWithoutServer429s() {
            server.always(r -> ScriptedServer.json(r, 200, ITEM));
            VirtualTime manual = VirtualTime.manual();
            VertxOfAuthClient paced = VertxOfAuthClient.create(
                    vertx,
                    OfAuthClientOptions.builder(KEY)
                            .baseUrl(server.baseUrl())
                            .rateLimit(new ClientRateLimit(60, 2))
                            .build(),
                    new VertxOfAuthClient.Collaborators(
                            manual, Clock.fixed(WALL, ZoneOffset.UTC), () -> 0.5, RequestListener.NONE));

            List<CompletableFuture<?>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(paced.fetchMassMessage(CONN, ID).toCompletableFuture());
            }
            await(CompletableFuture.allOf(calls.get(0), calls.get(1)));
            assertThat(server.seen).hasSize(2);
            manual.advance(Duration.ofSeconds(1));
            await(calls.get(2));
            assertThat(calls.get(3)).isNotDone();
            manual.advance(Duration.ofSeconds(1));
            await(calls.get(3));
            assertThat(server.seen).hasSize(4);
            paced.close();
        }
    }

    @Nested
    class WithAListener {

        @Test
        void theListenerHearsEveryAttemptWithTheRouteTemplate() {
            server.then(status(200, DELETED));

            await(client.deleteScheduledMassMessage(CONN, ID));

            assertThat(attempts).singleElement().satisfies(a -> {
                assertThat(a.method()).isEqualTo("DELETE");
                assertThat(a.route()).isEqualTo("/v2/access/mass-messages/scheduled/{id}");
                assertThat(a.status()).isEqualTo(200);
                assertThat(a.requestId()).contains("req_h200");
                assertThat(a.outcome()).isEqualTo(RequestListener.Outcome.SUCCEEDED);
            });
        }

        @Test
        void aMissingMessageIsHeardAsAbsentNotAsASuccess() {
            server.then(error(404, "RESOURCE_NOT_FOUND")).then(error(404, "ROUTE_NOT_FOUND"));

            await(client.fetchMassMessage(CONN, ID));
            failureOf(client.fetchMassMessage(CONN, ID));

            assertThat(attempts)
                    .extracting(RequestListener.Attempt::outcome)
                    .containsExactly(RequestListener.Outcome.ABSENT, RequestListener.Outcome.FAILED);
        }

        @Test
        void anUnansweredDeleteIsHeardAsUnconfirmed() {
            server.always(reset());

            await(client.deleteScheduledMassMessage(CONN, ID));

            assertThat(attempts)
                    .extracting(RequestListener.Attempt::outcome)
                    .containsExactly(RequestListener.Outcome.UNCONFIRMED);
        }

        @Test
        void whatAHostileServerNamesItsErrorAndRequestReachesListenersAsAShortToken() {
            String hostile = "RATE\u0000LIMIT\n<script>" + "X".repeat(10_000);
            server.then(status(
                    400,
                    "{\"error\":\"no\",\"type\":\""
                            + hostile.replace("\u0000", "\\u0000").replace("\n", "\\n")
                            + "\",\"requestId\":\"req \\u001b[31m" + "r".repeat(10_000) + "\"}"));
            server.then(r -> r.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("X-Request-Id", "req\t" + "h".repeat(2_000))
                    .end(ITEM));

            failureOf(client.fetchScheduledPage(CONN, 0, 20));
            await(client.fetchMassMessage(CONN, ID));

            assertThat(attempts).hasSize(2);
            assertThat(attempts.get(0).errorType())
                    .hasValueSatisfying(type ->
                            assertThat(type).matches("[A-Za-z0-9_.:-]{1,64}").startsWith("RATE_LIMIT_"));
            assertThat(attempts)
                    .allSatisfy(a -> assertThat(a.requestId())
                            .hasValueSatisfying(id -> assertThat(id)
                                    .matches("[A-Za-z0-9_.:-]{1,128}")
                                    .startsWith("req_")));
        }

        @Test
        void aThrowingListenerDoesNotBreakTheCall() {
            server.then(status(200, ITEM));
            VertxOfAuthClient noisy = VertxOfAuthClient.create(
                    vertx,
                    OfAuthClientOptions.builder(KEY)
                            .baseUrl(server.baseUrl())
                            .rateLimitOff()
                            .build(),
                    VertxOfAuthClient.Collaborators.defaults(vertx).withListener(a -> {
                        throw new IllegalStateException("listener bug");
                    }));

            assertThat(await(noisy.fetchMassMessage(CONN, ID))).isPresent();
            noisy.close();
        }
    }
}

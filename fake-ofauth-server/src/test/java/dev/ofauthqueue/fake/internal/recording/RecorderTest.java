package dev.ofauthqueue.fake.internal.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.fake.RecordMode;
import dev.ofauthqueue.fake.internal.http.GuardTime;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Record mode facing a hostile or broken server: an answer too large, one that never ends, one that stops half-way.
 * Each is refused with a 502 in OFAuth's envelope, the connection to that server is closed, nothing is recorded, and
 * the fake holds at most {@link Recorder#MAX_ANSWER_BYTES} of it. The deadline runs on virtual time, and the
 * recordings' date comes from the recorded server's {@code Date} header or, without a usable one, a fixed clock.
 */
class RecorderTest {

    static final String PATH = "/v2/access/mass-messages/5001";
    /** This machine's clock, as the recorder reads it. */
    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

    @TempDir
    Path dir;

    Vertx vertx;
    ManualTime time;
    int proxyPort;
    /** The bytes of body the origin wrote. */
    final AtomicLong originWrote = new AtomicLong();
    /** When the origin's connection closed: the bytes of body it had written by then. */
    CompletableFuture<Long> originClosed;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        time = new ManualTime();
        originClosed = new CompletableFuture<>();
    }

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void anAnswerDeclaredOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        start(request -> request.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Content-Length", Long.toString(Recorder.MAX_ANSWER_BYTES + 1L))
                .write(Buffer.buffer("{\"id\":5001,\"text\":\"")));

        HttpResponse<String> answer = get();

        assertRefused(answer, "over 8 MiB");
        assertThat(originClosed.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void anAnswerOverTheLimitIsRefusedAndNothingOfItIsKept() throws Exception {
        String text = "a".repeat(Recorder.MAX_ANSWER_BYTES);
        start(request -> request.response()
                .putHeader("Content-Type", "application/json")
                .setChunked(true)
                .end(new JsonObject().put("id", 5001).put("text", text).toBuffer()));

        HttpResponse<String> answer = get();

        assertRefused(answer, "over 8 MiB");
    }

    @Test
    void anEndlessAnswerIsCutAtTheLimitAndItsConnectionClosed() throws Exception {
        start(request -> endless(request.response().setChunked(true), originWrote));

        HttpResponse<String> answer = get();

        assertRefused(answer, "over 8 MiB");
        assertThat(originClosed.get(30, TimeUnit.SECONDS))
                .as("bytes the origin wrote before the fake closed its connection")
                .isLessThan(4L * Recorder.MAX_ANSWER_BYTES);
    }

    @Test
    void anAnswerThatStopsHalfWayIsRefusedWhenTheDeadlinePasses() throws Exception {
        CompletableFuture<Void> halfSent = new CompletableFuture<>();
        start(request -> request.response()
                .setChunked(true)
                .putHeader("Content-Type", "application/json")
                .write(Buffer.buffer("{\"id\":5001,"))
                .onComplete(written -> halfSent.complete(null)));

        CompletableFuture<HttpResponse<String>> answer = getAsync();
        halfSent.get(30, TimeUnit.SECONDS);
        assertThat(answer).isNotDone();
        time.fireAll();

        assertRefused(answer.get(30, TimeUnit.SECONDS), "did not answer in full within 30 s");
        assertThat(originClosed).as("the connection to the origin is closed").succeedsWithin(30, TimeUnit.SECONDS);
    }

    @Test
    void anAnswerInTimeIsPassedOnRecordedAndItsDeadlineCancelled() throws Exception {
        start(request -> request.response()
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject()
                        .put("id", 5001)
                        .put("text", "hello")
                        .put("sentCount", 0)
                        .toBuffer()));

        HttpResponse<String> answer = get();

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(answer.body()).getString("text")).isEqualTo("hello");
        assertThat(Files.readString(dir.resolve("queues/conn_rec1.json"))).contains("hello");
        assertThat(time.timers).as("no deadline left pending").isEmpty();
    }

    @Test
    void theRecordingsAreDatedByTheFirstAnswersDateHeader() throws Exception {
        AtomicReference<String> date = new AtomicReference<>("Tue, 01 Dec 2026 10:00:00 GMT");
        start(request -> itemDated(request, date.get()));

        assertThat(get().statusCode()).isEqualTo(200);
        assertThat(recordedAt()).isEqualTo("2026-12-01T10:00:00Z");

        date.set("Wed, 02 Dec 2026 10:00:00 GMT");
        assertThat(get().statusCode()).isEqualTo(200);
        assertThat(recordedAt()).as("a later answer does not move it").isEqualTo("2026-12-01T10:00:00Z");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "yesterday",
                "2026-12-01T10:00:00Z",
                "Fri, 31 Dec 9999 23:59:59 GMT",
                "Mon, 31 Dec 1979 23:59:59 GMT",
                "Tue, 01 Dec 2026 10:00:00 GMT                                                                   x"
            })
    void withoutAUsableDateHeaderTheClockDatesTheRecordings(String date) throws Exception {
        start(request -> itemDated(request, date));

        HttpResponse<String> answer = get();

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(recordedAt()).isEqualTo(NOW.toString());
    }

    private static void itemDated(HttpServerRequest request, String date) {
        if (date != null) {
            request.response().putHeader("Date", date);
        }
        request.response()
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("id", 5001).put("text", "hello").toBuffer());
    }

    private String recordedAt() throws Exception {
        return new JsonObject(Files.readString(dir.resolve("manifest.json"))).getString("recordedAt");
    }

    private void assertRefused(HttpResponse<String> answer, String why) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(502);
        JsonObject body = new JsonObject(answer.body());
        assertThat(body.getString("type")).isEqualTo("PROXY_ERROR");
        assertThat(body.getString("error")).contains(why);
        assertThat(body.getString("requestId")).startsWith("req_");
        assertThat(dir.resolve("queues")).doesNotExist();
        assertThat(time.timers).as("no deadline left pending").isEmpty();
    }

    /** Writes 64 KiB chunks as fast as the connection takes them, and never ends (stops after 1 GiB at most). */
    private static void endless(HttpServerResponse response, AtomicLong written) {
        Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
        while (!response.writeQueueFull() && written.get() < (1L << 30)) {
            response.write(chunk);
            written.addAndGet(chunk.length());
        }
        response.drainHandler(v -> endless(response, written));
    }

    private void start(Handler<HttpServerRequest> origin) throws Exception {
        HttpServer upstream = vertx.createHttpServer()
                .connectionHandler(connection -> connection.closeHandler(v -> originClosed.complete(originWrote.get())))
                .requestHandler(origin);
        int originPort = upstream.listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS)
                .actualPort();
        Recorder recorder = new Recorder(
                vertx,
                new RecordMode(URI.create("http://127.0.0.1:" + originPort), dir, Set.of()),
                time,
                Clock.fixed(NOW, ZoneOffset.UTC));
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false)).handler(recorder);
        proxyPort = vertx.createHttpServer()
                .requestHandler(router)
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS)
                .actualPort();
    }

    private HttpResponse<String> get() throws Exception {
        return getAsync().get(60, TimeUnit.SECONDS);
    }

    private CompletableFuture<HttpResponse<String>> getAsync() {
        return HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort + PATH))
                                .header("apiKey", "demo-api-key")
                                .header("x-connection-id", "conn_demo")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** Timers that fire only when the test says so. */
    static final class ManualTime implements GuardTime {
        final Map<Long, Handler<Long>> timers = new ConcurrentHashMap<>();
        private final AtomicLong ids = new AtomicLong();

        @Override
        public long nanoTime() {
            return 0;
        }

        @Override
        public long setTimer(long millis, Handler<Long> handler) {
            long id = ids.incrementAndGet();
            timers.put(id, handler);
            return id;
        }

        @Override
        public void cancelTimer(long id) {
            timers.remove(id);
        }

        void fireAll() {
            for (Long id : Set.copyOf(timers.keySet())) {
                Handler<Long> handler = timers.remove(id);
                if (handler != null) {
                    handler.handle(id);
                }
            }
        }
    }
}

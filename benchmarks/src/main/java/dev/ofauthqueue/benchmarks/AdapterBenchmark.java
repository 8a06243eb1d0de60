package dev.ofauthqueue.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.adapter.vertx.VertxOfAuthClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The full adapter path (options, limiter off, retries armed, error mapping, decoding into the domain record)
 * against a bare Vert.x WebClient GET plus Jackson {@code readTree} of the same answer, from the same local server.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 3)
@Threads(1)
@Fork(1)
public class AdapterBenchmark {

    private static final ConnectionId CONN = ConnectionId.of("conn_demo");
    private static final MassMessageId ID = MassMessageId.of(5001);
    private static final ObjectMapper JACKSON = new ObjectMapper();

    private Vertx vertx;
    private HttpServer server;
    private VertxOfAuthClient adapter;
    private WebClient bare;
    private String url;

    @Setup
    public void start() throws Exception {
        Buffer body = Buffer.buffer(Fixtures.specQueueItem());
        vertx = Vertx.vertx();
        server = BareVertxServer.answering(vertx, body);
        String base = "http://127.0.0.1:" + server.actualPort();
        url = base + "/v2/access/mass-messages/5001";
        adapter = VertxOfAuthClient.create(
                vertx,
                OfAuthClientOptions.builder(new ApiKey("bench-key"))
                        .baseUrl(base)
                        .rateLimitOff()
                        .build());
        bare = WebClient.create(vertx);
    }

    @TearDown
    public void stop() {
        adapter.close();
        bare.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Benchmark
    public ScheduledMassMessage adapterFetchIntoDomainRecord() {
        return adapter.fetchMassMessage(CONN, ID).toCompletableFuture().join().orElseThrow();
    }

    @Benchmark
    public JsonNode bareWebClientGetAndReadTree() throws Exception {
        Buffer body = bare.getAbs(url)
                .putHeader("apiKey", "bench-key")
                .putHeader("x-connection-id", "conn_demo")
                .send()
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .body();
        return JACKSON.readTree(body.getBytes());
    }
}

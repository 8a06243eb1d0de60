package dev.ofauthqueue.benchmarks;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.RequestListener;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.adapter.vertx.VertxOfAuthClient;
import dev.ofauthqueue.observability.OfAuthQueueObservations;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of observing each HTTP attempt: the adapter's GET of one message from a local server, with no listener
 * ({@code off}), with observations on a no-op registry ({@code noop}), and on a registry whose handler records a timer
 * in a {@link SimpleMeterRegistry} ({@code simple}). Run with {@code -prof gc} for bytes per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 3)
@Threads(1)
@Fork(1)
public class ObservationCostBenchmark {

    private static final ConnectionId CONN = ConnectionId.of("conn_demo");
    private static final MassMessageId ID = MassMessageId.of(5001);

    @Param({"off", "noop", "simple"})
    public String observations;

    private Vertx vertx;
    private HttpServer server;
    private VertxOfAuthClient adapter;

    @Setup
    public void start() throws Exception {
        Buffer body = Buffer.buffer(Fixtures.specQueueItem());
        vertx = Vertx.vertx();
        server = BareVertxServer.answering(vertx, body);
        String base = "http://127.0.0.1:" + server.actualPort();
        RequestListener listener = switch (observations) {
            case "off" -> RequestListener.NONE;
            case "noop" -> OfAuthQueueObservations.requestListener(ObservationRegistry.NOOP, base);
            case "simple" -> {
                ObservationRegistry registry = ObservationRegistry.create();
                registry.observationConfig()
                        .observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
                yield OfAuthQueueObservations.requestListener(registry, base);
            }
            default -> throw new IllegalArgumentException("observations: off, noop or simple");
        };
        adapter = VertxOfAuthClient.create(
                vertx,
                OfAuthClientOptions.builder(new ApiKey("bench-key"))
                        .baseUrl(base)
                        .rateLimitOff()
                        .build(),
                VertxOfAuthClient.Collaborators.defaults(vertx).withListener(listener));
    }

    @TearDown
    public void stop() {
        adapter.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Benchmark
    public ScheduledMassMessage fetchOneMessage() {
        return adapter.fetchMassMessage(CONN, ID).toCompletableFuture().join().orElseThrow();
    }
}

package dev.ofauthqueue.adapter.vertx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.benchmarks.Fixtures;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding the spec's full queue object (the bundled item 5001, every field of the spec example with realistic
 * values) into the domain record, against Jackson's {@code readTree} of the same bytes. In the adapter's package
 * because the decoder is package-private there.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodingBenchmark {

    private String json;

    @Setup
    public void load() {
        json = Fixtures.specQueueItem();
    }

    @Benchmark
    public ScheduledMassMessage decodeToDomainRecord() {
        return WireMapper.message(WireMapper.read(json, WireTypes.QueueItem.class, 200, null), 200, null);
    }

    @Benchmark
    public JsonNode jacksonReadTree() throws Exception {
        return WireMapper.JSON.readTree(json);
    }
}

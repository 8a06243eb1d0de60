package dev.ofauthqueue.fake.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever clients send, the label sets stay bounded and the text holds no connection id. */
class FakeMetricsTest {

    final FakeMetrics metrics = new FakeMetrics();

    static Stream<Long> seeds() {
        return Stream.of(1L, 2L, 3L, 42L, 2026L);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void hostileMethodsPathsStatusesAndConnectionsKeepTheLabelSetsBounded(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 5_000; i++) {
            metrics.answered(
                    garbage(random, 12), "/" + garbage(random, 40), random.nextInt(2_000) - 500, garbage(random, 30));
            metrics.answered("GET", "/v2/access/mass-messages/" + random.nextLong(), 429, "conn_" + random.nextLong());
            metrics.faultHit("f" + random.nextInt(1_000));
        }

        String text = metrics.prometheusText();

        long requestSamples = text.lines()
                .filter(l -> l.startsWith("ofauth_fake_requests_total{"))
                .count();
        long connectionSamples = text.lines()
                .filter(l -> l.startsWith("ofauth_fake_rate_limited_total{"))
                .count();
        long faultSamples = text.lines()
                .filter(l -> l.startsWith("ofauth_fake_fault_hits_total{"))
                .count();
        assertThat(requestSamples).isLessThanOrEqualTo(4L * 8 * 600); // routes x methods x statuses
        assertThat(connectionSamples).isLessThanOrEqualTo(FakeMetrics.MAX_KEYED + 1);
        assertThat(faultSamples).isLessThanOrEqualTo(FakeMetrics.MAX_KEYED + 1);
        assertThat(text)
                .contains("route=\"other\"")
                .contains("method=\"other\"")
                .contains("status=\"0\"");
        assertThat(text.lines())
                .filteredOn(l -> !l.startsWith("#"))
                .allMatch(l -> l.matches("[a-z_]+\\{[a-z]+=\"[^\"\\n]*\"(,[a-z]+=\"[^\"\\n]*\")*} \\d+"));
        assertThat(text).doesNotContain("conn_");
    }

    @Test
    void aConnectionIsItsHmacUnderAKeyOfThisProcess() {
        metrics.answered("GET", "/v2/access/mass-messages/1", 429, "conn_demo");
        metrics.answered("GET", "/v2/access/mass-messages/1", 429, "conn_demo");
        FakeMetrics another = new FakeMetrics();
        another.answered("GET", "/v2/access/mass-messages/1", 429, "conn_demo");

        String label = metrics.prometheusText()
                .lines()
                .filter(l -> l.startsWith("ofauth_fake_rate_limited_total{"))
                .findFirst()
                .orElseThrow();
        assertThat(label).matches("ofauth_fake_rate_limited_total\\{connection=\"[0-9a-f]{12}\"} 2");
        assertThat(another.prometheusText()).doesNotContain(label.substring(0, label.indexOf('}')));
    }

    @Test
    void countingAnAnsweredRequestAllocatesNothingOnceItsCounterExists() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < 20_000; i++) { // every counter this test uses exists, and the code is compiled
            countTheHotPath(i);
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++) {
            countTheHotPath(i);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(allocated)
                .as("bytes allocated by 100,000 counted requests (a key object each would be 2,400,000)")
                .isLessThan(100_000);
        assertThat(metrics.prometheusText())
                .contains("ofauth_fake_requests_total{route=\"/v2/access/mass-messages/{id}\",method=\"GET\","
                        + "status=\"200\"} 60000")
                .contains("ofauth_fake_requests_total{route=\"/v2/access/mass-messages/scheduled/{id}\","
                        + "method=\"DELETE\",status=\"200\"} 60000");
    }

    private void countTheHotPath(int i) {
        metrics.answered(
                i % 2 == 0 ? "GET" : "DELETE",
                i % 2 == 0 ? "/v2/access/mass-messages/5001" : "/v2/access/mass-messages/scheduled/5001",
                200,
                "conn_demo");
    }

    @Test
    void labelValuesAreEscapedAsTheFormatSays() {
        assertThat(FakeMetrics.escaped("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
    }

    private static String garbage(Random random, int maxLength) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            s.append((char) random.nextInt(0x3000));
        }
        return s.toString();
    }
}

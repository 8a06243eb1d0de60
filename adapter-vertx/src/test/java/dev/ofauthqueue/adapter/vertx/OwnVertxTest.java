package dev.ofauthqueue.adapter.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A process killed while its Vert.x instance runs (a job stopped with SIGKILL, a test run cut short) leaves in the
 * temporary directory whatever that instance set up there. Each case starts a JVM with a temporary directory of its
 * own, creates the instance and halts without closing it, as a kill would.
 */
class OwnVertxTest {

    @ParameterizedTest(name = "{0}: {1} left behind")
    @CsvSource({"own, 0", "plain, 1"})
    void aProcessKilledWithItsVertxRunningLeavesNoCacheDirectoryBehindWithOurs(
            String kind, int leftBehind, @TempDir Path tmp) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Djava.io.tmpdir=" + tmp,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Child.class.getName(),
                        kind)
                .redirectErrorStream(true)
                .start();
        String printed = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as(printed).isTrue();
        assertThat(child.exitValue()).as(printed).isZero();

        try (Stream<Path> entries = Files.list(tmp)) {
            List<String> caches = entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith("vertx-cache"))
                    .toList();
            assertThat(caches)
                    .as("the plain instance is the control: it shows where a cache would be")
                    .hasSize(leftBehind);
        }
    }

    /** Creates a Vert.x instance, ours or Vert.x's default, and halts with it running. */
    static final class Child {
        public static void main(String[] args) {
            Vertx vertx = args[0].equals("own") ? OwnVertx.create() : Vertx.vertx();
            vertx.runOnContext(v -> {}); // it is up
            Runtime.getRuntime().halt(0);
        }
    }
}

package dev.ofauthqueue.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fake killed with SIGKILL (a partner's test run cut short) leaves nothing in its temporary directory: Vert.x's
 * defaults would set up a {@code vertx-cache-*} directory there at start, removed only by a close.
 */
class NothingLeftBehindTest {

    @Test
    void aFakeKilledWhileServingLeavesItsTemporaryDirectoryEmpty(@TempDir Path tmp) throws Exception {
        Process fake = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Djava.io.tmpdir=" + tmp,
                        "-cp",
                        System.getProperty("java.class.path"),
                        FakeOfAuthMain.class.getName(),
                        "--port",
                        "0")
                .redirectErrorStream(true)
                .start();
        try {
            CompletableFuture<String> listening = CompletableFuture.supplyAsync(() -> firstLine(fake));
            assertThat(listening.get(60, TimeUnit.SECONDS)).contains("listening on");
        } finally {
            fake.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(fake.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        try (Stream<Path> left = Files.list(tmp)) {
            List<String> names = left.map(p -> p.getFileName().toString()).toList();
            assertThat(names).isEmpty();
        }
    }

    private static String firstLine(Process p) {
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = r.readLine();
            return line == null ? "(ended without a line)" : line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

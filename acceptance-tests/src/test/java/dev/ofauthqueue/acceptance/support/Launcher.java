package dev.ofauthqueue.acceptance.support;

import dev.ofauthqueue.fake.FakeOfAuthMain;
import dev.ofauthqueue.fake.FakeOfAuthServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Starts a fake with the standalone jar's command-line flags: in this JVM, or as the packaged jar in its own process. */
@FunctionalInterface
public interface Launcher {

    FakeTarget launch(String... flags);

    /** In this JVM, from the fake module's public API. */
    static Launcher inProcess() {
        return flags -> {
            // The scenarios are written against the recordings' own dates; a --clock among the flags wins (read later).
            List<String> args = new ArrayList<>(List.of("--clock", "recorded"));
            args.addAll(List.of(flags));
            args.add("--port");
            args.add("0");
            FakeOfAuthServer server = FakeOfAuthServer.start(FakeOfAuthMain.options(args.toArray(String[]::new)));
            return new FakeTarget(server.baseUrl(), server::close);
        };
    }

    /** The jar users run ({@code fake-ofauth-server/target/fake-ofauth-server.jar}, system property {@code fake.jar}). */
    static Launcher standaloneJar() {
        return flags -> {
            Path jar = Path.of(System.getProperty("fake.jar", "../fake-ofauth-server/target/fake-ofauth-server.jar"));
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(
                        "no standalone jar at " + jar.toAbsolutePath() + ": run 'mvn verify' from the root");
            }
            List<String> command = new ArrayList<>(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-jar",
                    jar.toString(),
                    "--port",
                    "0",
                    "--clock",
                    "recorded"));
            command.addAll(List.of(flags));
            try {
                Process process =
                        new ProcessBuilder(command).redirectErrorStream(true).start();
                BufferedReader out =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                String first = out.readLine();
                Matcher port = Pattern.compile("port (\\d+)").matcher(first == null ? "" : first);
                if (!port.find()) {
                    process.destroyForcibly();
                    throw new IllegalStateException("the jar did not announce its port; it said: " + first);
                }
                // Keep draining its output so it never blocks on a full pipe.
                Thread drain = new Thread(() -> out.lines().forEach(line -> {}), "fake-jar-output");
                drain.setDaemon(true);
                drain.start();
                return new FakeTarget("http://127.0.0.1:" + port.group(1), () -> {
                    process.destroy();
                    try {
                        if (!process.waitFor(10, TimeUnit.SECONDS)) {
                            process.destroyForcibly();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        process.destroyForcibly();
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}

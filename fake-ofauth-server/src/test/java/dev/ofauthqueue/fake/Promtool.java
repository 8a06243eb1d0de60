package dev.ofauthqueue.fake;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' own linter of the text exposition format ({@code promtool check metrics}, Debian's {@code prometheus}
 * package). Run as root on a machine with {@code apt-get} and without it (a fresh CI machine), it installs the package;
 * elsewhere a missing binary fails the test, saying how to install it: the test never skips.
 */
final class Promtool {

    private Promtool() {}

    /** What promtool said, and whether it accepted the text. */
    record Verdict(boolean accepted, String output) {}

    static Verdict checkMetrics(String text) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(binary(), "check", "metrics")
                .redirectErrorStream(true)
                .start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) { // a hang guard only
            process.destroyForcibly();
            throw new AssertionError("promtool did not end");
        }
        return new Verdict(process.exitValue() == 0, output);
    }

    private static synchronized String binary() throws IOException, InterruptedException {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        if ("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            Process install = new ProcessBuilder(
                            "apt-get", "install", "-y", "-q", "--no-install-recommends", "prometheus")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            install.getOutputStream().close();
            if (install.waitFor(10, TimeUnit.MINUTES) && install.exitValue() == 0) {
                return "/usr/bin/promtool";
            }
        }
        throw new AssertionError("promtool is missing: install Debian's prometheus package"
                + " (apt-get install --no-install-recommends prometheus), which brings promtool");
    }
}

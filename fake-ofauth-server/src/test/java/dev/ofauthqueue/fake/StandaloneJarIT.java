package dev.ofauthqueue.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The packaged jar, started the way README says, answers the spec's curl. */
class StandaloneJarIT {

    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        stop(process);
    }

    /** Stops a fake started in its own process, forcibly after 10 s; nothing when none was started. */
    static void stop(Process process) throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void theJarOnPortZeroPrintsItsPortAndAnswersTheSpecsDeleteThenA404() throws Exception {
        Path jar = Path.of(System.getProperty("fake.jar", "target/fake-ofauth-server.jar"));
        assertThat(jar).exists();
        String java = ProcessHandle.current().info().command().orElse("java");
        process = new ProcessBuilder(java, "-jar", jar.toString(), "--port", "0")
                .redirectErrorStream(true)
                .start();

        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        Matcher port = Pattern.compile("port (\\d+)").matcher(first == null ? "" : first);
        assertThat(port.find()).as(first).isTrue();
        Http http = new Http("http://127.0.0.1:" + port.group(1));

        Http.Answer deleted = http.demo("DELETE", "/v2/access/mass-messages/scheduled/5001");
        Http.Answer again = http.demo("DELETE", "/v2/access/mass-messages/scheduled/5001");

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(SpecExample.keyPaths(deleted.json()))
                .containsAll(SpecExample.keyPaths(SpecExample.deleteResponse()));
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().getString("type")).isEqualTo("RESOURCE_NOT_FOUND");
    }

    @Test
    void debugLogsOneLinePerRequest() throws Exception {
        Path jar = Path.of(System.getProperty("fake.jar", "target/fake-ofauth-server.jar"));
        String java = ProcessHandle.current().info().command().orElse("java");
        process = new ProcessBuilder(java, "-jar", jar.toString(), "--port", "0", "--debug")
                .redirectErrorStream(true)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Matcher port = Pattern.compile("port (\\d+)").matcher(out.readLine());
        assertThat(port.find()).isTrue();

        new Http("http://127.0.0.1:" + port.group(1)).demo("GET", "/v2/access/mass-messages/5001");

        String line;
        do {
            line = out.readLine();
        } while (line != null && !line.contains("/v2/access/mass-messages/5001"));
        assertThat(line).contains("GET /v2/access/mass-messages/5001 200");
    }

    @Test
    void helpPrintsTheFlagsAndExitsZero() throws Exception {
        Path jar = Path.of(System.getProperty("fake.jar", "target/fake-ofauth-server.jar"));
        String java = ProcessHandle.current().info().command().orElse("java");
        process = new ProcessBuilder(java, "-jar", jar.toString(), "--help")
                .redirectErrorStream(true)
                .start();

        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(text).contains("--port", "--rate-limit", "demo-api-key");
        assertThat(Files.size(jar)).isPositive();
    }
}

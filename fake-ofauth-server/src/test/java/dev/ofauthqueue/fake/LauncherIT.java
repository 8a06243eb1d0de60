package dev.ofauthqueue.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/fake-ofauth}, README's start: the jar with the class-data archive the build wrote beside it; without an
 * archive, the jar plainly; without a jar, a clear error.
 */
class LauncherIT {

    static final Path JAR = Path.of(System.getProperty("fake.jar", "target/fake-ofauth-server.jar"))
            .toAbsolutePath();
    /** The module's script: the jar is in the module's target folder. */
    static final Path SCRIPT = JAR.getParent().getParent().resolve("bin/fake-ofauth");

    @TempDir
    Path temp;

    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        StandaloneJarIT.stop(process);
    }

    @Test
    void theBuildWritesAnArchiveNewerThanTheJarAndTheScriptStartsTheFakeFromIt() throws Exception {
        Path archive = JAR.resolveSibling("fake-ofauth-server.jsa");
        assertThat(archive).exists();
        assertThat(Files.getLastModifiedTime(archive)).isGreaterThan(Files.getLastModifiedTime(JAR));
        Path classes = temp.resolve("classes.log");

        int port = start(SCRIPT, Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classes));

        assertThat(new Http("http://127.0.0.1:" + port)
                        .demo("GET", "/v2/access/mass-messages/5001")
                        .status())
                .isEqualTo(200);
        assertThat(Files.readString(classes))
                .as("the fake's own classes came from the archive, not from the jar")
                .contains("dev.ofauthqueue.fake.FakeOfAuthMain source: shared objects file (top)")
                .contains("dev.ofauthqueue.fake.internal.api.ApiRoutes source: shared objects file (top)")
                .as("Netty's Flight Recorder events stay off, so a first request sets up no JFR machinery")
                .doesNotContain("io.netty.buffer.AllocateChunkEvent")
                .doesNotContain("jdk.jfr.internal.handlers.EventHandler");
        assertThat(process.info().arguments().map(List::of).orElseThrow())
                .as("the optimising compiler waits, so its work does not compete with the start")
                .contains("-XX:Tier4InvocationThreshold=50000", "-XX:Tier4CompileThreshold=60000");
    }

    @Test
    void withoutAnArchiveTheScriptStartsTheJarPlainly() throws Exception {
        Path module = Files.createDirectories(temp.resolve("module"));
        Files.createDirectories(module.resolve("target"));
        Files.createDirectories(module.resolve("bin"));
        Files.copy(JAR, module.resolve("target/fake-ofauth-server.jar"));
        Path script = Files.copy(SCRIPT, module.resolve("bin/fake-ofauth"));
        assertThat(script.toFile().setExecutable(true)).isTrue();

        int port = start(script, Map.of());

        assertThat(new Http("http://127.0.0.1:" + port)
                        .demo("GET", "/v2/access/mass-messages/5001")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void withoutAJarTheScriptSaysHowToBuildItAndExitsTwo() throws Exception {
        Path script =
                Files.copy(SCRIPT, Files.createDirectories(temp.resolve("bin")).resolve("fake-ofauth"));

        process =
                new ProcessBuilder(script.toString()).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(said).contains("build it first: ./mvnw -B -q -DskipTests -pl fake-ofauth-server -am package");
    }

    /** Starts {@code script --port 0} on this test's JVM; answers the port the fake printed. */
    private int start(Path script, Map<String, String> env) throws IOException {
        Path javaHome = Path.of(ProcessHandle.current().info().command().orElseThrow())
                .getParent()
                .getParent();
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "--port", "0").redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().putAll(env);
        process = builder.start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Pattern portLine = Pattern.compile("port (\\d+)");
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher port = portLine.matcher(line);
            if (port.find()) {
                return Integer.parseInt(port.group(1));
            }
        }
        throw new AssertionError("the fake ended without saying its port");
    }
}

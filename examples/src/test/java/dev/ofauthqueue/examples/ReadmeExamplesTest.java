package dev.ofauthqueue.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.fake.FakeOfAuthMain;
import dev.ofauthqueue.fake.FakeOfAuthServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * README.md's Java examples are these sources, as written, and print what README says. Each runs in its own JVM, with
 * the environment a reader would give it, against a fake started as README's own command starts it (its clock at the
 * machine's time).
 */
class ReadmeExamplesTest {

    static final Path README = Path.of("..", "README.md");
    static final Pattern JAVA_BLOCK = Pattern.compile("(?s)(<!-- example: (\\w+) -->\\s*)?```java\\n(.*?)```");
    static final Pattern OUTPUT_BLOCK = Pattern.compile("(?s)<!-- output: (\\w+) -->\\s*```text\\n(.*?)```");
    static final Pattern REGION = Pattern.compile("(?s)// tag::readme\\[]\\n(.*?)\\n\\s*// end::readme\\[]");

    static String readme() throws IOException {
        return Files.readString(README, StandardCharsets.UTF_8);
    }

    @Test
    void everyJavaBlockInReadmeIsOneOfTheseExamples() throws IOException {
        Matcher m = JAVA_BLOCK.matcher(readme());
        List<String> unmarked = new ArrayList<>();
        int blocks = 0;
        while (m.find()) {
            blocks++;
            if (m.group(2) == null) {
                unmarked.add(m.group(3).lines().findFirst().orElse(""));
            }
        }

        assertThat(blocks).isGreaterThanOrEqualTo(7);
        assertThat(unmarked)
                .as("Java blocks without an <!-- example: Name --> marker")
                .isEmpty();
    }

    static Stream<Arguments> javaBlocks() throws IOException {
        Matcher m = JAVA_BLOCK.matcher(readme());
        List<Arguments> out = new ArrayList<>();
        while (m.find()) {
            if (m.group(2) != null) {
                out.add(Arguments.of(m.group(2), m.group(3)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javaBlocks")
    void theBlockIsTheExampleAsWritten(String example, String block) throws IOException {
        Matcher region = REGION.matcher(Files.readString(source(example), StandardCharsets.UTF_8));

        assertThat(region.find())
                .as("%s marks its README part with tag::readme[]", example)
                .isTrue();
        assertThat(normalized(block)).isEqualTo(normalized(region.group(1)));
    }

    static Stream<Arguments> outputs() throws IOException {
        Matcher m = OUTPUT_BLOCK.matcher(readme());
        List<Arguments> out = new ArrayList<>();
        while (m.find()) {
            out.add(Arguments.of(m.group(1), m.group(2)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outputs")
    void theExamplePrintsWhatReadmeSays(String example, String printed) throws Exception {
        try (FakeOfAuthServer fake = FakeOfAuthServer.start(FakeOfAuthMain.options("--port", "0"))) {
            Run run = run(example, fake.baseUrl());

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output().strip()).isEqualTo(printed.strip());
        }
    }

    @Test
    void theConfigurationExampleBuildsItsOptionsAndPrintsNoSecret() throws Exception {
        Run run = run("ConfigurationExample", "http://127.0.0.1:8080");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("apiKey=ApiKey[****]", "requestTimeout=PT10S", "deleteRoute=SCHEDULED")
                .doesNotContain("demo-api-key");
    }

    @Test
    void theFirstExampleExitsPromptlyOnceMainReturns() throws Exception {
        try (FakeOfAuthServer fake = FakeOfAuthServer.start(FakeOfAuthMain.options("--port", "0"))) {
            Run run = run("FirstExample", fake.baseUrl());

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("5003 DELETED").contains("5001 kept: PROTECTED (never-delete-paid)");
            assertThat(run.afterLastLine())
                    .as("from main's last line to the JVM's exit")
                    .isLessThan(Duration.ofSeconds(5));
        }
    }

    /** What a child JVM printed, how it ended, and how long it ran on after its last line. */
    record Run(int exitCode, String output, Duration afterLastLine) {}

    static Run run(String example, String baseUrl) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.ofauthqueue.examples." + example)
                .redirectErrorStream(true)
                // A reader runs an example from a project of their own: whatever it writes (a job store) lands there.
                .directory(Files.createTempDirectory("reader").toFile());
        Map<String, String> env = builder.environment();
        env.put("OFAUTH_BASE_URL", baseUrl);
        env.put("OFAUTH_API_KEY", "demo-api-key");
        env.remove("OFAUTH_CONNECTION_ID");
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        long lastLine = System.nanoTime();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
                lastLine = System.nanoTime();
            }
        }
        boolean ended = process.waitFor(30, TimeUnit.SECONDS);
        long exited = System.nanoTime();
        if (!ended) {
            process.destroyForcibly();
            return new Run(-1, String.join("\n", lines), Duration.ofSeconds(30));
        }
        return new Run(process.exitValue(), String.join("\n", lines), Duration.ofNanos(exited - lastLine));
    }

    static Path source(String example) {
        return Stream.of("src/main/java", "src/test/java")
                .map(root -> Path.of(root, "dev", "ofauthqueue", "examples", example + ".java"))
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new AssertionError("README names an example with no source: " + example));
    }

    /** The lines without their common indentation or trailing spaces. */
    static String normalized(String text) {
        List<String> lines = Arrays.asList(text.stripTrailing().split("\n"));
        int indent = lines.stream()
                .filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length())
                .min()
                .orElse(0);
        return lines.stream()
                .map(l -> l.isBlank() ? "" : l.substring(indent).stripTrailing())
                .collect(Collectors.joining("\n"))
                .strip();
    }
}

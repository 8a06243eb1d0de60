package dev.ofauthqueue.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.fake.FakeOfAuthMain;
import dev.ofauthqueue.fake.FakeOfAuthServer;
import java.io.IOException;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java examples of README.md and docs/ are these sources, as written, and print what the page says. Each runs in its own JVM, with
 * the environment a reader would give it, against a fake started as README's own command starts it (its clock at the
 * machine's time).
 */
class ReadmeExamplesTest {

    static final Path README = Path.of("..", "README.md");
    static final Path DOCS = Path.of("..", "docs");
    /** A Java block, and the line before it naming (and linking) the file that holds it whole. */
    static final Pattern JAVA_BLOCK = Pattern.compile(
            "(?s)(Whole file, imports included: \\[`(\\w+)\\.java`]\\(([^)\\s]+)\\)\\n)?```java\\n(.*?)```");

    static final Pattern OUTPUT_BLOCK = Pattern.compile("(?s)<!-- output: (\\w+) -->\\s*```text\\n(.*?)```");
    static final Pattern REGION = Pattern.compile("(?s)// tag::readme\\[]\\n(.*?)\\n\\s*// end::readme\\[]");

    /** README and every page under docs/: the examples may live in any of them. */
    static List<Path> pages() throws IOException {
        List<Path> all = new ArrayList<>(List.of(README));
        try (Stream<Path> pages = Files.list(DOCS)) {
            pages.filter(p -> p.toString().endsWith(".md")).sorted().forEach(all::add);
        }
        return all;
    }

    /** README and every page under docs/, one after the other. */
    static String readme() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path page : pages()) {
            all.append('\n').append(Files.readString(page, StandardCharsets.UTF_8));
        }
        return all.toString();
    }

    @Test
    void everyJavaBlockNamesTheExampleFileThatHoldsItWhole() throws IOException {
        List<String> unnamed = new ArrayList<>();
        int blocks = 0;
        for (Path page : pages()) {
            Matcher m = JAVA_BLOCK.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (m.find()) {
                blocks++;
                if (m.group(2) == null) {
                    unnamed.add(page + ": " + m.group(4).lines().findFirst().orElse(""));
                } else {
                    Path linked = page.getParent().resolve(m.group(3)).normalize();
                    assertThat(linked)
                            .as("%s links %s to the file that holds it", page, m.group(2))
                            .isEqualTo(Path.of("..", "examples")
                                    .resolve(source(m.group(2)))
                                    .normalize());
                }
            }
        }

        assertThat(blocks).isGreaterThanOrEqualTo(7);
        assertThat(unnamed)
                .as("Java blocks without a 'Whole file, imports included: [`Name.java`](path)' line right above them")
                .isEmpty();
    }

    static Stream<Arguments> javaBlocks() throws IOException {
        Matcher m = JAVA_BLOCK.matcher(readme());
        List<Arguments> out = new ArrayList<>();
        while (m.find()) {
            if (m.group(2) != null) {
                out.add(Arguments.of(m.group(2), m.group(4)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javaBlocks")
    void theBlockIsTheExampleAsWritten(String example, String block) throws IOException {
        Matcher region = REGION.matcher(Files.readString(source(example), StandardCharsets.UTF_8));
        List<String> regions = new ArrayList<>();
        while (region.find()) {
            regions.add(normalized(region.group(1)));
        }

        assertThat(regions)
                .as("%s marks its README part with tag::readme[]", example)
                .isNotEmpty();
        assertThat(normalized(block)).isEqualTo(String.join("\n\n", regions));
    }

    /** What a newcomer meets first imports little, and all of it from the one public package. */
    @Test
    void theFirstExampleImportsAtMostFourTypesAllFromThePublicPackage() throws IOException {
        List<String> imports = imports("FirstExample");

        assertThat(imports).hasSizeLessThanOrEqualTo(4).allMatch(i -> i.matches("dev\\.ofauthqueue\\.[A-Z]\\w*"));
    }

    /**
     * The library's examples import nothing of ours outside the public package {@code dev.ofauthqueue} (the test kit's,
     * the fake's and the partner kit's examples use their own packages).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("libraryExamples")
    void aLibraryExampleImportsOursOnlyFromThePublicPackage(String example) throws IOException {
        assertThat(imports(example))
                .filteredOn(i -> i.startsWith("dev.ofauthqueue."))
                .isNotEmpty()
                .allMatch(i -> i.matches("dev\\.ofauthqueue\\.[A-Z]\\w*"));
    }

    static Stream<String> libraryExamples() {
        return Stream.of("FirstExample", "AsyncExample", "ConfigurationExample", "DryRunExample", "JobsExample");
    }

    static List<String> imports(String example) throws IOException {
        return Files.readAllLines(source(example), StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("import "))
                .map(l -> l.substring("import ".length(), l.length() - 1))
                .toList();
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
    void theFirstExampleExitsByItselfOnceMainReturns() throws Exception {
        try (FakeOfAuthServer fake = FakeOfAuthServer.start(FakeOfAuthMain.options("--port", "0"))) {
            Run run = run("FirstExample", fake.baseUrl());

            assertThat(run.exitCode())
                    .as("the JVM exits by itself once main returns, with no thread left running (a Vert.x instance not"
                            + " closed, a pool's idle thread kept for a minute): " + run.output())
                    .isNotEqualTo(NOT_ENDED);
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("5003 DELETED").contains("5001 kept: PROTECTED (never-delete-paid)");
        }
    }

    /** The exit code {@link #run} reports for a JVM that had not ended {@link #EXIT_WAIT} after it started. */
    static final int NOT_ENDED = -1;

    /** How long an example may run, main and exit: a hang guard, far above what any example needs. */
    static final Duration EXIT_WAIT = Duration.ofSeconds(45);

    /** What a child JVM printed and how it ended ({@link #NOT_ENDED} if it had to be killed). */
    record Run(int exitCode, String output) {}

    /** A reader's own project, where an example runs: whatever it writes (a job store) lands there, and goes after. */
    @TempDir
    Path readerProject;

    Run run(String example, String baseUrl) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.ofauthqueue.examples." + example)
                .redirectErrorStream(true)
                .directory(readerProject.toFile());
        Map<String, String> env = builder.environment();
        env.put("OFAUTH_BASE_URL", baseUrl);
        env.put("OFAUTH_API_KEY", "demo-api-key");
        env.remove("OFAUTH_CONNECTION_ID");
        Path output = Files.createTempFile("example", ".txt");
        Process process = builder.redirectOutput(output.toFile()).start();
        boolean ended = process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        return new Run(ended ? process.exitValue() : NOT_ENDED, printed);
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

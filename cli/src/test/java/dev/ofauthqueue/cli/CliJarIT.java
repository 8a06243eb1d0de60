package dev.ofauthqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ofauthqueue.fake.FakeOfAuthMain;
import dev.ofauthqueue.fake.FakeOfAuthServer;
import dev.ofauthqueue.fake.Fault;
import dev.ofauthqueue.fake.FaultAction;
import dev.ofauthqueue.fake.Journal;
import dev.ofauthqueue.testkit.HostileUpstream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The packaged {@code cli/target/ofauth-queue.jar} as a user runs it: its own process, signals, a real terminal. */
class CliJarIT {

    static final Path JAR = Path.of(System.getProperty("cli.jar", "target/ofauth-queue.jar"));
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    FakeOfAuthServer fake;

    @BeforeEach
    void start() {
        assertThat(JAR).as("run 'mvn verify': the jar is built in package").isRegularFile();
        fake = FakeOfAuthServer.start(FakeOfAuthMain.options("--port", "0"));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    ProcessBuilder jar(String... args) {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command);
        Map<String, String> env = b.environment();
        env.put("OFAUTH_API_KEY", "demo-api-key");
        env.put("OFAUTH_BASE_URL", fake.baseUrl());
        env.put("HOME", home.toString());
        env.remove("OFAUTH_CONNECTION_ID");
        return b;
    }

    record Ran(int exitCode, List<String> out, String err) {}

    static Ran finish(Process p) throws Exception {
        CompletableFuture<List<String>> out = lines(p.getInputStream());
        CompletableFuture<List<String>> err = lines(p.getErrorStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the command ended").isTrue();
        return new Ran(p.exitValue(), out.get(10, TimeUnit.SECONDS), String.join("\n", err.get(10, TimeUnit.SECONDS)));
    }

    static CompletableFuture<List<String>> lines(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            List<String> lines = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    lines.add(l);
                }
            } catch (IOException e) {
                lines.add("(unreadable: " + e + ")");
            }
            return lines;
        });
    }

    /**
     * Vert.x's blocked-thread warnings carry stack traces in its words: off without {@code --debug}. Shown on the jar's
     * own classpath (its logging as shipped) by a process whose event loop blocks while the checker runs.
     */
    @Test
    void aBlockedEventLoopsWarningReachesStandardErrorOnlyWithDebug() throws Exception {
        Ran quiet = finish(blockedLoop());
        Ran debug = finish(blockedLoop("--debug"));

        assertThat(quiet.out()).containsExactly("unblocked");
        assertThat(quiet.err())
                .as("nothing of Vert.x's warning, nor its stack trace")
                .isEmpty();
        assertThat(debug.out()).containsExactly("unblocked");
        assertThat(debug.err()).as("the positive control: the checker did warn").contains("has been blocked for");
    }

    private static Process blockedLoop(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                JAR
                        + java.io.File.pathSeparator
                        + Path.of("target", "test-classes").toAbsolutePath(),
                BlockedLoopMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    @Test
    void theJarsExitCodesAndJsonLinesAreWhatHelpSays() throws Exception {
        Ran usage = finish(jar("list", "--connection", "conn_demo", "--nope").start());
        Ran denied = finish(jar("list", "--connection", "conn_demo")
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start());
        Ran deleted = finish(jar("delete", "--connection", "conn_demo", "--ids", "5003,5004", "--yes", "--json")
                .start());

        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).contains("Unknown option: '--nope'");
        assertThat(denied.exitCode()).isZero();
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : deleted.out()) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).extracting(l -> l.get("type").asText()).containsExactly("job", "item", "item", "summary");
        assertThat(lines.get(3).get("exitCode").asInt()).isZero();
    }

    /**
     * Whether this JVM was started with SIGINT ignored, as a non-interactive shell starts a command put in the
     * background ({@code cmd &}): every child inherits that, the JVM installs no handler for it, and Ctrl-C cannot
     * reach the command line under test.
     */
    static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        return Files.readAllLines(status).stream()
                .filter(l -> l.startsWith("SigIgn:"))
                .map(l -> Long.parseUnsignedLong(l.substring("SigIgn:".length()).strip(), 16))
                .anyMatch(mask -> (mask & (1L << (2 - 1))) != 0); // SIGINT is signal 2
    }

    @Test
    void ctrlCStopsTheJobAfterTheDeletionsInFlightExits130AndTheJobResumes() throws Exception {
        assertThat(sigintIgnored())
                .as("SIGINT is ignored in this build's processes (started with '&' from a script?), so no Ctrl-C can"
                        + " reach the command line: run the build in the foreground, or from a shell with job control")
                .isFalse();
        // Every DELETE takes 2 s, one at a time: the job outlasts the first outcome by 20 s and more, so the signal
        // lands mid-job however busy the machine.
        String slow = fake.faults()
                .add(Fault.matching("DELETE", null)
                        .then(new FaultAction.Latency(Duration.ofSeconds(2), Duration.ofSeconds(2))));
        Process p = jar(
                        "delete",
                        "--connection",
                        "conn_demo",
                        "--all",
                        "--yes",
                        "--json",
                        "--rate-limit",
                        "120:1",
                        "--concurrency",
                        "1")
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<List<String>> err = lines(p.getErrorStream());
        String first = out.readLine();
        assertThat(first).as("the job line").contains("\"type\":\"job\"");
        String item = out.readLine();
        assertThat(item).as("a first outcome, then every DELETE takes 2 s").contains("item");

        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
        List<String> rest = new ArrayList<>();
        for (String l = out.readLine(); l != null; l = out.readLine()) {
            rest.add(l);
        }

        assertThat(p.waitFor(10, TimeUnit.SECONDS))
                .as("stopped within a few seconds")
                .isTrue();
        assertThat(p.exitValue()).isEqualTo(130);
        JsonNode summary = JSON.readTree(rest.get(rest.size() - 1));
        assertThat(summary.get("state").asText()).isEqualTo("CANCELED");
        assertThat(summary.get("exitCode").asInt()).isEqualTo(130);
        assertThat(String.join("\n", err.get(10, TimeUnit.SECONDS))).contains("ofauth-queue jobs resume 1");
        int deletedBeforeResume =
                fake.journal().count(Journal.query().method("DELETE").status(200));

        fake.faults().remove(slow);
        Ran resumed = finish(jar("jobs", "resume", "1", "--json").start());

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        JsonNode done = JSON.readTree(resumed.out().get(resumed.out().size() - 1));
        assertThat(done.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("pending").asInt()).isZero();
        int refused = done.get("refused").asInt();
        assertThat(fake.journal().count(Journal.query().method("DELETE").status(200)))
                .as("every message deleted once, none twice")
                .isEqualTo(done.get("deleted").asInt())
                .isGreaterThan(deletedBeforeResume);
        assertThat(done.get("failed").asInt()
                        + done.get("unconfirmed").asInt()
                        + done.get("inFlight").asInt())
                .isZero();
        assertThat(done.get("deleted").asInt()
                        + refused
                        + done.get("alreadyGone").asInt())
                .as("every message of the job settled once")
                .isEqualTo(JSON.readTree(first).get("items").asInt());
    }

    @Test
    void onATerminalDeleteDrawsAProgressBarOnStandardError() throws Exception {
        Path typescript = home.resolve("typescript");
        String command = String.join(" ", jar().command()) + " delete --connection conn_demo --free --yes";
        ProcessBuilder b = new ProcessBuilder("script", "-qfec", command, typescript.toString());
        b.environment().putAll(jar().environment());
        Ran ran = finish(b.start());

        String screen = Files.readString(typescript, StandardCharsets.UTF_8);
        assertThat(ran.exitCode()).as(screen).isZero();
        assertThat(screen)
                .contains("job 1")
                .contains("100%")
                .contains("12 deleted, 0 kept, 0 failed")
                .contains("\r");
        assertThat(screen).as("no per-message lines on a terminal").doesNotContain("[1/12]");
    }

    /**
     * Against an answer that never ends and one of 200 MB, the jar reads no more than its limit: it exits non-zero
     * naming the limit, without a stack trace, its resident memory's peak (Linux's {@code VmHWM}, sampled every 10 ms
     * while it runs) under 256 MB.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"endless", "huge"})
    void anAnswerTooLargeEndsTheCommandNamingTheLimitInBoundedMemory(String kind) throws Exception {
        try (HostileUpstream upstream = HostileUpstream.start()
                .on(
                        "GET",
                        "/v2/access/mass-messages",
                        kind.equals("endless")
                                ? HostileUpstream.endless()
                                : HostileUpstream.huge(200L * 1024 * 1024))) {
            ProcessBuilder b = jar("list", "--connection", "conn_hostile");
            b.environment().put("OFAUTH_BASE_URL", upstream.baseUrl());
            Process p = b.start();
            AtomicLong peakKb = new AtomicLong();
            Path status = Path.of("/proc", Long.toString(p.pid()), "status");
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(
                    () -> peakKb.accumulateAndGet(residentPeakKb(status), Math::max), 0, 10, TimeUnit.MILLISECONDS);
            Ran ran;
            try {
                ran = finish(p);
            } finally {
                sampler.shutdownNow();
            }

            assertThat(ran.exitCode()).isNotZero();
            assertThat(ran.err())
                    .contains("larger than the limit of 16777216 bytes")
                    .doesNotContain("\tat ");
            assertThat(peakKb.get())
                    .as("peak RSS in KB, read from " + status)
                    .isPositive()
                    .isLessThan(256 * 1024);
        }
    }

    /** {@code VmHWM} of a running process, in KB; 0 once it is gone. */
    static long residentPeakKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between two samples
        }
        return 0;
    }
}

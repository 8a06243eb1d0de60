package dev.ofauthqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.fake.FakeOfAuthMain;
import dev.ofauthqueue.fake.FakeOfAuthServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transcripts of docs/command-line.md, each replayed against a fake started as README starts it, in a home of its
 * own: every {@code $} line is run, and what it printed (standard error, then standard output) must be what the page
 * shows, times, ages, a run's length and its attempts' durations aside. A file named {@code plan.json} lives in that home.
 */
class ReadmeTranscriptTest {

    static final Path README = Path.of("../docs/command-line.md");
    static final Pattern BLOCK = Pattern.compile("<!-- cli-transcript -->\\n```text\\n(.*?)```", Pattern.DOTALL);
    static final Pattern TIMES = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\d([ T]\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?Z?)?|made \\d+s ago|after \\d+ s:|p50 \\d+ ms, p99 \\d+ ms");

    @TempDir
    Path temp;

    @Test
    void theTranscriptsOfTheCommandLinePageAreWhatTheCommandLinePrints() throws Exception {
        Matcher m = BLOCK.matcher(Files.readString(README, StandardCharsets.UTF_8));
        int blocks = 0;
        while (m.find()) {
            replay(m.group(1).lines().toList(), Files.createDirectory(temp.resolve("home" + blocks)));
            blocks++;
        }
        assertThat(blocks).as("cli-transcript blocks").isGreaterThanOrEqualTo(2);
    }

    private static void replay(List<String> lines, Path home) {
        String planFile = home.resolve("plan.json").toString();
        try (FakeOfAuthServer fake = FakeOfAuthServer.start(FakeOfAuthMain.options("--port", "0"))) {
            Cli cli = Cli.against(fake.baseUrl(), home);
            int commands = 0;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                assertThat(line).as("a command line").startsWith("$ ");
                List<String> expected = new ArrayList<>();
                while (i + 1 < lines.size() && !lines.get(i + 1).startsWith("$ ")) {
                    expected.add(lines.get(++i));
                }
                String command = line.substring(2);
                if (command.startsWith("export ")) {
                    assertThat(command).contains("OFAUTH_API_KEY=demo-api-key").contains("OFAUTH_BASE_URL=");
                    continue;
                }
                assertThat(command).startsWith("ofauth-queue ");
                String[] args = command.substring("ofauth-queue ".length()).split(" ");
                for (int a = 0; a < args.length; a++) {
                    args[a] = args[a].equals("plan.json") ? planFile : args[a];
                }
                Cli.Result r = cli.run(args);
                List<String> printed = new ArrayList<>();
                r.err().lines().forEach(l -> printed.add(l.replace(planFile, "plan.json")));
                r.outLines().forEach(l -> printed.add(l.replace(planFile, "plan.json")));
                assertThat(normalized(printed, fake.baseUrl()))
                        .as("what '%s' prints", command)
                        .isEqualTo(normalized(expected, "http://127.0.0.1:8080"));
                commands++;
            }
            assertThat(commands).as("commands in a transcript").isGreaterThanOrEqualTo(2);
        }
    }

    static List<String> normalized(List<String> lines, String baseUrl) {
        return lines.stream()
                .map(l -> TIMES.matcher(l.replace(baseUrl, "<base-url>")).replaceAll("<time>"))
                .toList();
    }
}

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
 * The transcript of docs/command-line.md, replayed against a fake started as README starts it: every {@code $} line is
 * run, and what it printed (standard error, then standard output) must be what README shows, times aside.
 */
class ReadmeTranscriptTest {

    static final Path README = Path.of("../docs/command-line.md");
    static final Pattern BLOCK = Pattern.compile("<!-- cli-transcript -->\\n```text\\n(.*?)```", Pattern.DOTALL);
    static final Pattern TIMES = Pattern.compile("\\d{4}-\\d\\d-\\d\\d([ T]\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?Z?)?");

    @TempDir
    Path home;

    @Test
    void theTranscriptInReadmeIsWhatTheCommandLinePrints() throws Exception {
        Matcher m = BLOCK.matcher(Files.readString(README, StandardCharsets.UTF_8));
        assertThat(m.find()).as("README has a cli-transcript block").isTrue();
        List<String> lines = m.group(1).lines().toList();

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
                Cli.Result r =
                        cli.run(command.substring("ofauth-queue ".length()).split(" "));
                List<String> printed = new ArrayList<>(r.err().lines().toList());
                printed.addAll(r.outLines());
                assertThat(normalized(printed, fake.baseUrl()))
                        .as("what '%s' prints", command)
                        .isEqualTo(normalized(expected, "http://127.0.0.1:8080"));
                commands++;
            }
            assertThat(commands).isGreaterThanOrEqualTo(3);
        }
    }

    static List<String> normalized(List<String> lines, String baseUrl) {
        return lines.stream()
                .map(l -> TIMES.matcher(l.replace(baseUrl, "<base-url>")).replaceAll("<time>"))
                .toList();
    }
}

package dev.ofauthqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ofauthqueue.testkit.HostileUpstream;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line pointed at an upstream that attacks it: what reaches the terminal, and how it ends. */
class HostileUpstreamTest {

    /** What a terminal acts on instead of showing: C0 but tab and newline, DEL, C1, bidi overrides and isolates. */
    static final Pattern ACTED_ON =
            Pattern.compile("[\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F\\u202A-\\u202E\\u2066-\\u2069]");

    /** Clears the screen, rings, forges a line of our own, flips what follows and sends a C1 CSI. */
    static final String ATTACK =
            "hi\u001b[2J\u0007\nofauth-queue: job 1 COMPLETED: 0 deleted\r\u202eevil\u009b31m\u007f";

    @TempDir
    Path home;

    HostileUpstream upstream;
    Cli cli;

    @BeforeEach
    void start() {
        upstream = HostileUpstream.start();
        cli = Cli.against(upstream.baseUrl(), home).env("OFAUTH_CONNECTION_ID", "conn_hostile");
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    static String page(String text) throws Exception {
        String item = "{\"id\":5001,\"text\":" + new ObjectMapper().writeValueAsString(text)
                + ",\"date\":\"2099-11-01T14:00:00+00:00\",\"price\":\"0.00\"}";
        return "{\"hasMore\":false,\"list\":[" + item + "]}";
    }

    @Test
    void aMessagesTextReachesTheTableAsOneVisibleLine() throws Exception {
        upstream.on("GET", "/v2/access/mass-messages", HostileUpstream.json(200, page(ATTACK)));

        Cli.Result r = cli.run("list");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContainPattern(ACTED_ON).contains("hi\\x1b[2J\\x07");
        assertThat(r.outLines()).noneMatch(line -> line.startsWith("ofauth-queue:"));
        assertThat(r.err()).doesNotContainPattern(ACTED_ON);
    }

    @Test
    void aMessagesTextKeepsEveryCharacterInJsonLinesEscaped() throws Exception {
        upstream.on("GET", "/v2/access/mass-messages", HostileUpstream.json(200, page(ATTACK + " ünï €")));

        Cli.Result r = cli.run("list", "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContainPattern(ACTED_ON).matches("[\\x20-\\x7E\\n]*");
        JsonNode message = new ObjectMapper().readTree(r.outLines().get(0));
        assertThat(message.get("text").asText()).isEqualTo(ATTACK + " ünï €");
    }

    @Test
    void anErrorsWordingFromUpstreamIsOneVisibleLineOnStandardError() throws Exception {
        String envelope = "{\"error\":" + new ObjectMapper().writeValueAsString(ATTACK)
                + ",\"type\":\"BAD_REQUEST\",\"requestId\":\"req_\\u001b]0;owned\\u0007\"}";
        upstream.on("GET", "/v2/access/mass-messages", HostileUpstream.json(400, envelope));

        Cli.Result r = cli.run("list");

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).doesNotContainPattern(ACTED_ON).contains("\\x1b[2J");
        assertThat(r.err().lines()).hasSize(1).allMatch(line -> line.startsWith("ofauth-queue: "));
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anEndlessAnswerEndsTheCommandNamingTheLimitWithoutAStackTrace() {
        upstream.on("GET", "/v2/access/mass-messages", HostileUpstream.endless());

        Cli.Result r = cli.run("list");

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("larger than the limit of 16777216 bytes").doesNotContain("\tat ", "Exception");
        assertThat(upstream.requests()).isEqualTo(1);
    }

    @Test
    void aHugeAnswerIsRefusedBeforeItsBodyIsRead() {
        upstream.on("GET", "/v2/access/mass-messages", HostileUpstream.huge(200L * 1024 * 1024));

        Cli.Result r = cli.run("list");

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("larger than the limit of 16777216 bytes").doesNotContain("\tat ", "Exception");
        assertThat(upstream.requests()).isEqualTo(1);
    }
}

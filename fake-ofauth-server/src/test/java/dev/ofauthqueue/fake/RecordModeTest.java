package dev.ofauthqueue.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofauthqueue.fake.internal.recording.Recordings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records from a second in-process fake standing in for the real OFAuth, then serves what was recorded. */
class RecordModeTest {

    @TempDir
    Path dir;

    @Test
    void recordsThroughTheProxyWithPseudonymsAndMaskedFieldsThenServesTheRecording() throws Exception {
        try (FakeOfAuthServer origin = FakeOfAuthServer.start(
                        FakeServerOptions.builder().port(0).rateLimitOff().build());
                FakeOfAuthServer recorder = FakeOfAuthServer.start(FakeServerOptions.builder()
                        .port(0)
                        .recordMode(new RecordMode(URI.create(origin.baseUrl()), dir, Set.of("name")))
                        .build())) {
            Http http = new Http(recorder.baseUrl());

            Http.Answer page = http.demo("GET", "/v2/access/mass-messages?type=scheduled&limit=5");
            Http.Answer one = http.demo("GET", "/v2/access/mass-messages/5010");
            Http.Answer readonly = http.as("conn_readonly", "DELETE", "/v2/access/mass-messages/scheduled/7001");

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.list()).hasSize(5);
            assertThat(page.header("X-RateLimit-Limit")).isNull();
            assertThat(one.json().getLong("id")).isEqualTo(5010L);
            assertThat(readonly.status()).isEqualTo(403);
            assertThat(origin.journal().entries()).hasSize(3);
        }

        String everything;
        try (Stream<Path> files = Files.walk(dir)) {
            everything = String.join(
                    "\n",
                    files.filter(Files::isRegularFile).map(RecordModeTest::read).toList());
        }
        assertThat(everything)
                .doesNotContain("demo-api-key")
                .doesNotContain("conn_demo")
                .doesNotContain("conn_readonly")
                .doesNotContain("Luna Vega")
                .doesNotContain("Mila Rose");
        JsonObject manifest = new JsonObject(read(dir.resolve("manifest.json")));
        assertThat(manifest.getJsonArray("apiKeys").getJsonObject(0).getString("key"))
                .isEqualTo("rec-api-key-1");
        JsonArray connections = manifest.getJsonArray("connections");
        assertThat(connections.getJsonObject(0).getString("id")).isEqualTo("conn_rec1");
        assertThat(connections.getJsonObject(1).getJsonArray("permissions")).containsExactly("messages:read");
        JsonArray items = new JsonObject(read(dir.resolve("queues/conn_rec1.json"))).getJsonArray("items");
        assertThat(items).hasSize(6);
        assertThat(items.getJsonObject(0).getJsonObject("fromUser").getString("name"))
                .isEqualTo("***");

        try (FakeOfAuthServer replay = FakeOfAuthServer.start(
                FakeServerOptions.builder().port(0).recordings(dir).build())) {
            Http.Answer replayed = new Http(replay.baseUrl())
                    .send(
                            "GET",
                            "/v2/access/mass-messages/5010",
                            null,
                            Map.of("apiKey", "rec-api-key-1", "x-connection-id", "conn_rec1"));

            assertThat(replayed.status()).isEqualTo(200);
            assertThat(replayed.json().getString("text"))
                    .isEqualTo(one(replayed).getString("text"));
        }
    }

    @Test
    void aRecordingThatCannotBeWrittenIsToldToTheCallerBesidesTheAnswer() throws Exception {
        Files.writeString(dir.resolve("queues"), "a file where record mode needs a directory");

        Http.Answer one = oneMessageThroughARecorder();

        // The request ran upstream: its answer is passed on as it was, and the failure rides beside it.
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().getLong("id")).isEqualTo(5010L);
        assertThat(one.header("X-Fake-Recording-Error"))
                .startsWith("not recorded: could not write " + dir)
                .matches("[\\x20-\\x7E]+");
        assertThat(dir.resolve("manifest.json")).doesNotExist();
    }

    @Test
    void aWrittenRecordingCarriesNoErrorHeader() throws Exception {
        Http.Answer one = oneMessageThroughARecorder();

        assertThat(one.status()).isEqualTo(200);
        assertThat(one.header("X-Fake-Recording-Error")).isNull();
        assertThat(dir.resolve("manifest.json")).exists();
    }

    /** GET one demo message through a fake recording into {@link #dir} from a second fake. */
    private Http.Answer oneMessageThroughARecorder() throws Exception {
        try (FakeOfAuthServer origin = FakeOfAuthServer.start(
                        FakeServerOptions.builder().port(0).rateLimitOff().build());
                FakeOfAuthServer recorder = FakeOfAuthServer.start(FakeServerOptions.builder()
                        .port(0)
                        .recordMode(new RecordMode(URI.create(origin.baseUrl()), dir, Set.of()))
                        .build())) {
            return new Http(recorder.baseUrl()).demo("GET", "/v2/access/mass-messages/5010");
        }
    }

    private static JsonObject one(Http.Answer answer) {
        return answer.json();
    }

    @Test
    void aRecordingHoldingARealLookingKeyIsRefused() throws IOException {
        RecordingsTest writer = new RecordingsTest();
        writer.dir = dir;
        writer.writeSet(Map.of("conn_mine", new JsonArray().add(RecordingsTest.item(1, "2026-01-02T00:00:00Z"))));
        String manifest = read(dir.resolve("manifest.json")).replace(Http.KEY, "sk_live_a1b2c3d4e5f6");
        Files.writeString(dir.resolve("manifest.json"), manifest);

        assertThatThrownBy(() -> Recordings.fromDirectory(dir))
                .isInstanceOf(InvalidRecordingsException.class)
                .hasMessageContaining("looks like a real OFAuth key")
                .hasMessageNotContaining("a1b2c3d4e5f6");

        Files.writeString(dir.resolve("manifest.json"), manifest.replace("sk_live_a1b2c3d4e5f6", "k-test"));
        Files.writeString(
                dir.resolve("queues/conn_mine.json"), "{\"items\":[{\"id\":1,\"text\":\"key sk_sandbox_ZZZZ9999\"}]}");
        assertThatThrownBy(() -> Recordings.fromDirectory(dir))
                .hasMessageContaining("queues/conn_mine.json")
                .hasMessageContaining("looks like a real OFAuth key");
    }

    @Test
    void theCommandLineTakesRecordMode() {
        FakeServerOptions o = FakeOfAuthMain.parse(new String[] {
            "--record-from",
            "https://api.ofauth.com",
            "--record-to",
            dir.toString(),
            "--mask-field",
            "text",
            "--mask-field",
            "name"
        });

        assertThat(o.recordMode()).hasValueSatisfying(m -> {
            assertThat(m.from()).isEqualTo(URI.create("https://api.ofauth.com"));
            assertThat(m.maskFields()).containsExactlyInAnyOrder("text", "name");
        });
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FakeOfAuthMain.parse(new String[] {"--record-from", "https://x"}))
                .withMessageContaining("go together");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FakeOfAuthMain.parse(new String[] {"--record-from", "ftp://x", "--record-to", "d"}))
                .withMessageContaining("http(s)");
        for (String from : new String[] {
            "https://user:secret-pass@api.ofauth.com", "https://api.ofauth.com/?x=1", "https://api.ofauth.com/#top"
        }) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> FakeOfAuthMain.parse(new String[] {"--record-from", from, "--record-to", "d"}))
                    .withMessageContaining("without a user, query or fragment")
                    .withMessageNotContaining("secret-pass");
        }
        for (String from : new String[] {"http://127.0.0.1:99999", "http://127.0.0.1:0"}) {
            // Vert.x's client would throw on each request: every caller would get a 500.
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> FakeOfAuthMain.parse(new String[] {"--record-from", from, "--record-to", "d"}))
                    .withMessageContaining("--record-from's port must be from 1 to 65535");
        }
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        FakeOfAuthMain.parse(new String[] {"--record-from", "https://x", "--record-to", "/dev/null"}))
                .withMessageContaining("--record-to /dev/null is not a directory");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FakeOfAuthMain.parse(new String[] {"--mask-field", "text"}))
                .withMessageContaining("record mode");
    }

    @Test
    void aMaskFieldThatCannotBeAFieldNameIsRefusedRatherThanMaskingNothing() {
        // An operator who writes "name,text" or " text" believes those fields are masked; nothing would be.
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FakeOfAuthMain.parse(
                        new String[] {"--record-from", "https://x", "--record-to", dir.toString(), "--mask-field", ""}))
                .withMessage("--mask-field needs a value, was empty");
        for (String field : new String[] {
            " text", "text ", "name,text", "na me", "te\u0000xt", "te\nxt", "\u202Etext", "x".repeat(129)
        }) {
            assertThatIllegalArgumentException()
                    .as("--mask-field '%s'", field)
                    .isThrownBy(() -> FakeOfAuthMain.parse(new String[] {
                        "--record-from", "https://x", "--record-to", dir.toString(), "--mask-field", field
                    }))
                    .withMessageContaining("--mask-field takes one JSON field name")
                    .withMessageContaining("repeat --mask-field");
        }
        for (String field : new String[] {"text", "mediaUrl", "_id", "fan-name", "a.b", "$ref", "x".repeat(128)}) {
            RecordMode mode = new RecordMode(URI.create("https://x"), dir, Set.of(field));
            assertThat(mode.maskFields()).containsExactly(field);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

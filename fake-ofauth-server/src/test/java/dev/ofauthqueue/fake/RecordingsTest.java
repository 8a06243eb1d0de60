package dev.ofauthqueue.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofauthqueue.fake.internal.recording.Recordings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingsTest {

    @TempDir
    Path dir;

    @Test
    void theBundledSetHasTheDemoConnections() {
        Recordings bundled = Recordings.bundled();

        assertThat(bundled.connectionsByApiKey().get("demo-api-key"))
                .containsExactlyInAnyOrder("conn_demo", "conn_readonly", "conn_expired");
        assertThat(bundled.connections().get("conn_demo").items()).hasSizeGreaterThanOrEqualTo(25);
        assertThat(bundled.connections().get("conn_readonly").permissions()).containsExactly("messages:read");
        assertThat(bundled.connections().get("conn_expired").expired()).isTrue();
    }

    @Test
    void aDirectorySetLoadsAndServes() throws IOException {
        writeSet(Map.of("conn_mine", new JsonArray().add(item(1, "2026-01-02T00:00:00Z"))));

        try (FakeOfAuthServer fake = FakeOfAuthServer.start(
                FakeServerOptions.builder().port(0).recordings(dir).build())) {
            Http.Answer answer = new Http(fake.baseUrl()).as("conn_mine", "GET", "/v2/access/mass-messages/1");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(fake.clock().instant())
                    .isBetween(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:01:00Z"));
        }
    }

    @Test
    void startingTheClockElsewhereShiftsTheRecordedDates() throws IOException {
        writeSet(Map.of("conn_mine", new JsonArray().add(item(1, "2026-01-02T00:00:00Z"))));

        try (FakeOfAuthServer fake = FakeOfAuthServer.start(FakeServerOptions.builder()
                .port(0)
                .recordings(dir)
                .clockAt(Instant.parse("2027-05-01T00:00:00Z"))
                .build())) {
            JsonObject item = new Http(fake.baseUrl())
                    .as("conn_mine", "GET", "/v2/access/mass-messages/1")
                    .json();

            assertThat(item.getString("date")).isEqualTo("2027-05-02T00:00:00+00:00");
        }
    }

    static FakeOfAuthServer startedOnTheWallClock() {
        return FakeOfAuthServer.start(FakeServerOptions.builder()
                .port(0)
                .clockStart(new FakeServerOptions.AtWallClock())
                .build());
    }

    /** How long after {@code now} message 5001 (recorded two hours after the recordings' instant) is to be sent. */
    static Duration sendTimeOf5001After(FakeOfAuthServer fake, Instant now) {
        JsonObject item = new Http(fake.baseUrl())
                .demo("GET", "/v2/access/mass-messages/5001")
                .json();
        return Duration.between(now, SpecExample.instant(item.getString("date")));
    }

    @Test
    void theWallClockStartKeepsEveryBundledSendTimeAhead() {
        try (FakeOfAuthServer fake = startedOnTheWallClock()) {
            assertThat(sendTimeOf5001After(fake, fake.clock().instant()))
                    .isBetween(Duration.ofMinutes(119), Duration.ofMinutes(121));
        }
    }

    @Test
    void aResetOfAFakeOnTheWallClockStartsItAgainFromTheMachinesNowNotFromItsStart() {
        try (FakeOfAuthServer fake = startedOnTheWallClock()) {
            Instant started = fake.clock().instant();
            fake.clock().set(started.minus(Duration.ofDays(3))); // as if it had run behind the machine for days

            Instant beforeReset = Instant.now();
            fake.reset();

            Instant now = fake.clock().instant();
            assertThat(now).isAfterOrEqualTo(beforeReset).isAfter(started);
            assertThat(sendTimeOf5001After(fake, now)).isBetween(Duration.ofMinutes(119), Duration.ofMinutes(121));
        }
    }

    @Test
    void aResetOfAFakeOnARecordedStartGoesBackToThatStart() {
        try (FakeOfAuthServer fake =
                FakeOfAuthServer.start(FakeServerOptions.builder().port(0).build())) {
            Instant start = Instant.parse("2026-11-01T12:00:00Z"); // the bundled recordings' instant
            fake.clock().advance(Duration.ofDays(3));

            fake.reset();

            assertThat(fake.clock().instant()).isAfterOrEqualTo(start).isBefore(start.plus(Duration.ofDays(3)));
        }
    }

    @Test
    void startingOnABrokenSetFailsWithTheRecordingsProblem() throws IOException {
        writeSet(Map.of("conn_mine", new JsonArray().add(new JsonObject().put("id", 0))));

        assertThatThrownBy(() -> FakeOfAuthServer.start(
                        FakeServerOptions.builder().port(0).recordings(dir).build()))
                .isInstanceOf(InvalidRecordingsException.class)
                .hasMessageContaining("positive integer id");
    }

    @Test
    void problemsNameTheFileAndTheField() throws IOException {
        writeSet(Map.of("conn_mine", new JsonArray().add(new JsonObject().put("id", -1))));
        assertThatThrownBy(() -> Recordings.fromDirectory(dir))
                .isInstanceOf(InvalidRecordingsException.class)
                .hasMessageContaining("queues/conn_mine.json")
                .hasMessageContaining("positive integer id");

        writeSet(Map.of("conn_mine", new JsonArray().add(item(1, "soon"))));
        assertThatThrownBy(() -> Recordings.fromDirectory(dir)).hasMessageContaining("unreadable date");

        writeSet(Map.of(
                "conn_mine",
                new JsonArray().add(item(1, "2026-01-02T00:00:00Z")).add(item(1, "2026-01-03T00:00:00Z"))));
        assertThatThrownBy(() -> Recordings.fromDirectory(dir)).hasMessageContaining("appears twice");

        writeSet(Map.of("conn_mine", new JsonArray().add(item(1, "2026-01-02T00:00:00Z"))));

        Files.writeString(dir.resolve("manifest.json"), "{ nope");
        assertThatThrownBy(() -> Recordings.fromDirectory(dir))
                .hasMessageContaining("manifest.json is not a JSON object");

        Files.writeString(
                dir.resolve("manifest.json"),
                manifest("conn_mine").put("format", 2).encode());
        assertThatThrownBy(() -> Recordings.fromDirectory(dir)).hasMessageContaining("format must be 1");

        JsonObject badPermission = manifest("conn_mine");
        badPermission
                .getJsonArray("connections")
                .getJsonObject(0)
                .put("permissions", new JsonArray().add("messages:delete"));
        Files.writeString(dir.resolve("manifest.json"), badPermission.encode());
        assertThatThrownBy(() -> Recordings.fromDirectory(dir))
                .hasMessageContaining("unknown permission messages:delete");

        JsonObject unknownConnection = manifest("conn_mine");
        unknownConnection
                .getJsonArray("apiKeys")
                .getJsonObject(0)
                .getJsonArray("connections")
                .add("conn_ghost");
        Files.writeString(dir.resolve("manifest.json"), unknownConnection.encode());
        assertThatThrownBy(() -> Recordings.fromDirectory(dir)).hasMessageContaining("conn_ghost");

        JsonObject missingQueue = manifest("conn_mine");
        missingQueue.getJsonArray("connections").getJsonObject(0).put("queue", "queues/none.json");
        Files.writeString(dir.resolve("manifest.json"), missingQueue.encode());
        assertThatThrownBy(() -> Recordings.fromDirectory(dir)).hasMessageContaining("none.json");

        JsonObject escaping = manifest("conn_mine");
        escaping.getJsonArray("connections").getJsonObject(0).put("queue", "../outside.json");
        Files.writeString(dir.resolve("manifest.json"), escaping.encode());
        assertThatThrownBy(() -> Recordings.fromDirectory(dir)).hasMessageContaining("outside");
    }

    @Test
    void aLargeSetStartsWithoutReadingItsQueuesAndABrokenOneIsToldOnItsConnectionsFirstUseOnly() throws IOException {
        writeLargeSet("{\"items\":[{\"id\":0}]");

        Recordings set = Recordings.fromDirectory(dir);
        assertThat(set.connections().get("conn_big").queue().read())
                .as("not read as the set loads")
                .isFalse();
        try (FakeOfAuthServer fake = FakeOfAuthServer.start(
                FakeServerOptions.builder().port(0).recordings(dir).build())) {
            Http http = new Http(fake.baseUrl());

            assertThat(http.as("conn_mine", "GET", "/v2/access/mass-messages/1").status())
                    .isEqualTo(200);
            for (int attempt = 0; attempt < 2; attempt++) {
                Http.Answer broken = http.as("conn_big", "GET", "/v2/access/mass-messages");
                assertThat(broken.status()).isEqualTo(500);
                assertThat(broken.json().getString("type")).isEqualTo("FAKE_RECORDINGS_INVALID");
                assertThat(broken.json().getString("error"))
                        .contains("queues/conn_big.json")
                        .contains("positive integer id");
            }
            assertThat(http.as("conn_mine", "GET", "/v2/access/mass-messages/1").status())
                    .as("the other connections are served still")
                    .isEqualTo(200);
            assertThat(http.as(
                                    "conn_mine",
                                    "POST",
                                    "/v2/access/mass-messages",
                                    "{\"text\":\"new\",\"scheduledDate\":\"2026-01-03T00:00:00Z\"}")
                            .status())
                    .as("and created on: the broken queue's ids are never served")
                    .isEqualTo(200);
            assertThatThrownBy(fake::reloadRecordings)
                    .as("a reload reads every queue first: all or nothing")
                    .isInstanceOf(InvalidRecordingsException.class)
                    .hasMessageContaining("queues/conn_big.json");
        }
    }

    @Test
    void aLargeSetsQueueIsReadOnFirstUseAndCreatedIdsStillFollowEveryRecordedOne() throws IOException {
        writeLargeSet("{\"items\":[" + item(900, "2026-01-02T00:00:00Z").encode() + "]");

        try (FakeOfAuthServer fake = FakeOfAuthServer.start(
                FakeServerOptions.builder().port(0).recordings(dir).build())) {
            Http http = new Http(fake.baseUrl());
            Http.Answer created = http.as(
                    "conn_mine",
                    "POST",
                    "/v2/access/mass-messages",
                    "{\"text\":\"new\",\"scheduledDate\":\"2026-01-03T00:00:00Z\"}");

            assertThat(created.status()).as(created.body()).isEqualTo(200);
            assertThat(created.json().getLong("id"))
                    .as("after conn_big's 900, not yet read before")
                    .isEqualTo(901);
            assertThat(http.as("conn_big", "GET", "/v2/access/mass-messages/900")
                            .json()
                            .getString("text"))
                    .isEqualTo("t900");
        }
    }

    /**
     * conn_mine with item 1, and conn_big whose queue file is {@code opening} followed by enough spaces to make the set
     * larger than what is read at start, then {@code }}}.
     */
    private void writeLargeSet(String opening) throws IOException {
        writeSet(Map.of("conn_mine", new JsonArray().add(item(1, "2026-01-02T00:00:00Z"))));
        JsonObject m = new JsonObject(Files.readString(dir.resolve("manifest.json")));
        JsonObject big = m.getJsonArray("connections").getJsonObject(0).copy();
        m.getJsonArray("connections").add(big.put("id", "conn_big").put("queue", "queues/conn_big.json"));
        m.getJsonArray("apiKeys").getJsonObject(0).getJsonArray("connections").add("conn_big");
        Files.writeString(dir.resolve("manifest.json"), m.encode());
        Files.writeString(
                dir.resolve("queues/conn_big.json"), opening + " ".repeat((int) Recordings.CHECKED_AT_START) + "}");
    }

    static JsonObject item(long id, String date) {
        return new JsonObject()
                .put("id", id)
                .put("text", "t" + id)
                .put("date", date)
                .put("sentCount", 0)
                .put("isCanceled", false)
                .put("hasError", false);
    }

    JsonObject manifest(String connection) {
        return new JsonObject()
                .put("format", 1)
                .put("recordedAt", "2026-01-01T00:00:00Z")
                .put(
                        "apiKeys",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("key", "k-test")
                                        .put("connections", new JsonArray().add(connection))))
                .put(
                        "connections",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("id", connection)
                                        .put(
                                                "permissions",
                                                new JsonArray()
                                                        .add("messages:read")
                                                        .add("messages:write"))
                                        .put("session", "active")
                                        .put("queue", "queues/" + connection + ".json")));
    }

    void writeSet(Map<String, JsonArray> queues) throws IOException {
        Files.createDirectories(dir.resolve("queues"));
        String connection = queues.keySet().iterator().next();
        JsonObject m = manifest(connection);
        m.getJsonArray("apiKeys").getJsonObject(0).put("key", Http.KEY);
        Files.writeString(dir.resolve("manifest.json"), m.encode());
        queues.forEach((c, items) -> {
            try {
                Files.writeString(
                        dir.resolve("queues/" + c + ".json"),
                        new JsonObject().put("items", items).encode());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}

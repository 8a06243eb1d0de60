package dev.ofauthqueue.acceptance.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ArchiveQuery;
import dev.ofauthqueue.ArchivedDeletion;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobStatus;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.OfAuthQueue;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.StartDeletionJobCommand;
import dev.ofauthqueue.acceptance.support.FakeTarget;
import dev.ofauthqueue.acceptance.support.Launcher;
import dev.ofauthqueue.acceptance.support.TestRecordings;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.fake.FakeOfAuthServer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deletion jobs end to end: the library's entry point, its SQLite store and the fake, black box. */
class DeletionJobsTest {

    @TempDir
    Path dir;

    static OfAuthQueue library(FakeTarget fake, String key, Path db) {
        return OfAuthQueue.builder(OfAuthClientOptions.builder(new ApiKey(key))
                        .baseUrl(fake.baseUrl())
                        .rateLimitOff()
                        .build())
                .clock(fake.clock())
                .jobStore(db)
                .build();
    }

    @Test
    void aJobOverThreeConnectionsSendsOneDeletePerMessageAndArchivesEachDeletion() throws Exception {
        List<String> connections = List.of("conn_one", "conn_two", "conn_three");
        Path recordings = TestRecordings.write(dir.resolve("recordings"), 15, connections);
        try (FakeTarget fake =
                        Launcher.inProcess().launch("--recordings", recordings.toString(), "--rate-limit", "off");
                OfAuthQueue ofauth = library(fake, TestRecordings.KEY, dir.resolve("jobs.db"))) {
            DeletionJobId id = ofauth.jobUseCases()
                    .startDeletionJob(StartDeletionJobCommand.of(
                            connections.stream().map(ConnectionId::of).toList(), Selection.all()))
                    .toCompletableFuture()
                    .join();
            DeletionJobStatus done = ofauth.jobUseCases()
                    .awaitDeletionJob(id)
                    .toCompletableFuture()
                    .join();

            assertThat(done.state()).isEqualTo(DeletionJobState.COMPLETED);
            assertThat(done.count(JobItemState.DELETED)).isEqualTo(45);
            assertThat(fake.requests("DELETE", ".*", null))
                    .as("one DELETE per message")
                    .isEqualTo(45);
            assertThat(fake.requests("DELETE", "/v2/access/mass-messages/scheduled/.*", 200))
                    .isEqualTo(45);
            assertThat(fake.requests("GET", "/v2/access/mass-messages/[0-9]+", null))
                    .as("no read per message")
                    .isZero();
            assertThat(fake.requests("GET", "/v2/access/mass-messages", null))
                    .as("one list page each")
                    .isEqualTo(3);
            assertThat(ofauth.jobUseCases()
                            .deletedMessages(ArchiveQuery.everything().job(id))
                            .toCompletableFuture()
                            .join())
                    .hasSize(45)
                    .allMatch(a -> a.source() == ArchivedDeletion.Source.ANSWER);
        }
    }

    @Test
    void theArchiveKeepsEveryFieldOfTheSpecExampleAndExportsItAsJsonLines() throws Exception {
        try (FakeTarget fake = Launcher.inProcess().launch();
                OfAuthQueue ofauth = library(fake, FakeOfAuthServer.DEMO_API_KEY, dir.resolve("jobs.db"))) {
            DeletionJobId id = ofauth.jobUseCases()
                    .startDeletionJob(StartDeletionJobCommand.of(
                            List.of(ConnectionId.of(FakeOfAuthServer.DEMO_CONNECTION)),
                            Selection.all().onlyIds(List.of(MassMessageId.of(5001)))))
                    .toCompletableFuture()
                    .join();
            ofauth.jobUseCases().awaitDeletionJob(id).toCompletableFuture().join();
            List<ArchivedDeletion> archived = ofauth.jobUseCases()
                    .deletedMessages(ArchiveQuery.everything())
                    .toCompletableFuture()
                    .join();

            assertThat(archived).hasSize(1);
            JsonObject line = new JsonObject(archived.get(0).toJsonLine());
            assertThat(line.getLong("job")).isEqualTo(id.value());
            assertThat(line.getString("connection")).isEqualTo(FakeOfAuthServer.DEMO_CONNECTION);
            String queue = line.getJsonObject("queue").encode();
            assertThat(specExampleFieldNames())
                    .hasSizeGreaterThan(40)
                    .allSatisfy(field -> assertThat(queue).contains("\"" + field + "\":"));
            assertThat(archived.get(0).toJsonLine()).doesNotContain("\n");
        }
    }

    /** Every field name in the response example of the spec page the project started from, at any depth. */
    static Set<String> specExampleFieldNames() throws Exception {
        String page = Files.readString(
                Path.of("../fake-ofauth-server/src/test/resources/spec/delete-scheduled-mass-message.txt"),
                StandardCharsets.UTF_8);
        int start = page.indexOf("\n{\n");
        String example = page.substring(start, page.indexOf("\n}\n", start) + 2);
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\"(\\w+)\"\\s*:").matcher(example);
        while (m.find()) {
            names.add(m.group(1));
        }
        names.removeAll(Set.of("success", "queue"));
        return names;
    }
}

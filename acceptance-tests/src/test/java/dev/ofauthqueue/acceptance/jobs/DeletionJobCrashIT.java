package dev.ofauthqueue.acceptance.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.ArchiveQuery;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobListener;
import dev.ofauthqueue.DeletionJobStatus;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.OfAuthQueue;
import dev.ofauthqueue.acceptance.support.FakeTarget;
import dev.ofauthqueue.acceptance.support.Launcher;
import dev.ofauthqueue.acceptance.support.TestRecordings;
import dev.ofauthqueue.adapter.sqlite.SqliteDeletionJobStore;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.fake.Journal;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredItem;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredJob;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A deletion job survives SIGKILL: a child JVM runs a job against the fake and is killed at a seeded point (after
 * some DELETEs were answered, some perhaps in flight); the job is resumed here; the fake's journal and the store then
 * show that no message got two successful DELETEs, nothing outside the plan was deleted, and every item has exactly
 * one final outcome.
 */
class DeletionJobCrashIT {

    static final int PLANNED = 30;
    static final int IN_QUEUE = 40;
    static final List<String> CONNECTIONS = List.of("conn_crash_a", "conn_crash_b");

    /** Seeded kill points: how many successful DELETEs the fake has answered when the child is killed. */
    static Stream<Integer> killPoints() {
        Random seeded = new Random(20261128L);
        return IntStream.range(0, 3).mapToObj(i -> 1 + seeded.nextInt(PLANNED * CONNECTIONS.size() - 5));
    }

    @ParameterizedTest(name = "killed after {0} DELETEs")
    @MethodSource("killPoints")
    void aJobKilledWithSigkillResumesWithoutDeletingAnythingTwiceOrOutsideItsPlan(int killAfter, @TempDir Path dir)
            throws Exception {
        Path recordings = TestRecordings.write(dir.resolve("recordings"), IN_QUEUE, CONNECTIONS);
        Path db = dir.resolve("jobs.db");
        try (FakeTarget fake = Launcher.inProcess()
                .launch("--recordings", recordings.toString(), "--clock", "now", "--rate-limit", "off")) {
            Process child = startJob(fake.baseUrl(), db);
            DeletionJobId id;
            try {
                id = DeletionJobId.parse(lineStartingWith(child, "job ").substring(4));
                while (successfulDeletes(fake).size() < killAfter && child.isAlive()) {
                    Thread.sleep(5);
                }
                child.destroyForcibly(); // SIGKILL
                assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            } finally {
                child.destroyForcibly();
            }
            int deletedBeforeResume = successfulDeletes(fake).size();

            DeletionJobStatus done;
            try (OfAuthQueue ofauth = JobSetup.queue(fake.baseUrl(), db)) {
                assertThat(ofauth.jobUseCases()
                                .deletionJobStatus(id)
                                .toCompletableFuture()
                                .join()
                                .state())
                        .isIn(DeletionJobState.INTERRUPTED, DeletionJobState.COMPLETED);
                ofauth.jobUseCases()
                        .resumeDeletionJob(id, DeletionJobListener.NONE)
                        .toCompletableFuture()
                        .join();
                done = ofauth.jobUseCases()
                        .awaitDeletionJob(id)
                        .toCompletableFuture()
                        .get(60, TimeUnit.SECONDS);
            }

            List<Journal.Entry> deletes = successfulDeletes(fake);
            Map<String, Long> perMessage = deletes.stream()
                    .collect(Collectors.groupingBy(e -> e.connection().orElse("?") + e.path(), Collectors.counting()));
            assertThat(deletedBeforeResume).as("the kill came mid-way").isLessThan(PLANNED * CONNECTIONS.size());
            assertThat(perMessage)
                    .as("no message got two successful DELETEs")
                    .allSatisfy((message, n) -> assertThat(n).as(message).isEqualTo(1));
            assertThat(perMessage.keySet())
                    .as("nothing outside the plan was deleted")
                    .allMatch(p -> Long.parseLong(p.substring(p.lastIndexOf('/') + 1)) <= PLANNED);
            assertThat(done.state()).isEqualTo(DeletionJobState.COMPLETED);
            try (SqliteDeletionJobStore store = SqliteDeletionJobStore.open(db)) {
                StoredJob job = store.load(id).orElseThrow();
                assertThat(job.items()).hasSize(PLANNED * CONNECTIONS.size());
                assertThat(job.items())
                        .as("every item has one final outcome")
                        .allMatch(i -> i.state().isFinal());
                Set<String> deletedByJob = new TreeSet<>();
                for (StoredItem i : job.items()) {
                    if (i.state() == JobItemState.DELETED) {
                        deletedByJob.add(
                                i.item().connection().value() + "/" + i.item().id());
                    }
                }
                assertThat(deletedByJob).hasSize(deletes.size());
                assertThat(store.archive(ArchiveQuery.everything().job(id))).hasSize(deletes.size());
            }
        }
    }

    private static List<Journal.Entry> successfulDeletes(FakeTarget fake) {
        return fake.admin().requests(Journal.query().method("DELETE").status(200));
    }

    private static Process startJob(String baseUrl, Path db) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // What the killed process leaves in its temporary directory (the SQLite driver's native library, which
                // the driver keeps while its lock file is there) goes with the test's folder.
                "-Djava.io.tmpdir=" + db.getParent(),
                "-cp",
                System.getProperty("java.class.path"),
                JobProcess.class.getName(),
                baseUrl,
                db.toString(),
                Integer.toString(PLANNED)));
        command.addAll(CONNECTIONS);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String lineStartingWith(Process p, String prefix) throws Exception {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            List<String> seen = new ArrayList<>();
            try {
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                String l;
                while ((l = r.readLine()) != null) {
                    if (l.startsWith(prefix)) {
                        // Keep draining so the child never blocks on a full pipe.
                        CompletableFuture.runAsync(() -> r.lines().forEach(x -> {}));
                        return l;
                    }
                    seen.add(l);
                }
            } catch (Exception e) {
                seen.add(e.toString());
            }
            throw new IllegalStateException("the job process never printed '" + prefix + "': " + seen);
        });
        return line.get(60, TimeUnit.SECONDS);
    }
}

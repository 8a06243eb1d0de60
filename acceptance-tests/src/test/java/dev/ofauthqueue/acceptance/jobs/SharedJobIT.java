package dev.ofauthqueue.acceptance.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ArchiveQuery;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.acceptance.support.FakeTarget;
import dev.ofauthqueue.acceptance.support.TestRecordings;
import dev.ofauthqueue.adapter.redis.RedisDeletionJobStore;
import dev.ofauthqueue.adapter.redis.RedisUrl;
import dev.ofauthqueue.fake.Fault;
import dev.ofauthqueue.fake.FaultAction;
import dev.ofauthqueue.fake.Journal;
import dev.ofauthqueue.fake.QueueSnapshot;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredItem;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredJob;
import dev.ofauthqueue.testkit.RedisServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three worker JVMs drain one job kept on Redis; one of them is killed with SIGKILL mid-job, or stopped with SIGSTOP
 * past its lease while its DELETEs are in flight. The two left take over its items after the lease and finish the
 * job, and the fake shows every planned message deleted, none by two successful DELETEs, and nothing else; the
 * woken worker sends no DELETE at all.
 */
class SharedJobIT {

    static final int PLANNED = 40;
    static final int IN_QUEUE = 50;
    static final List<String> CONNECTIONS = List.of("conn_shared_job_a", "conn_shared_job_b", "conn_shared_job_c");

    @Test
    void aJobSharedByThreeWorkersSurvivesTheDeathOfOneWithoutDeletingAnythingTwice(@TempDir Path dir) throws Exception {
        int total = PLANNED * CONNECTIONS.size();
        try (RedisServer redis = RedisServer.start();
                FakeTarget fake = JobSetup.fake(dir, IN_QUEUE, CONNECTIONS, SharedJobWorker.RATE)) {
            // Each DELETE answers after 300 ms: workers hold their items a while, and the test kills one holding some.
            fake.admin()
                    .addFault(Fault.matching("DELETE", null)
                            .then(new FaultAction.Latency(Duration.ofMillis(300), Duration.ofMillis(300))));
            List<String> start = new ArrayList<>(List.of("start", Integer.toString(PLANNED)));
            start.addAll(CONNECTIONS);
            // The worker that dies is the one that starts the job: it is mid-job from its first item whatever the
            // machine's load, and the job cannot end without the two that join, however late their JVMs come up.
            Worker dies = Worker.start(fake.baseUrl(), redis.url(), start);
            Worker first = null;
            Worker third = null;
            try {
                String id = dies.await("job ").substring(4);
                dies.await("took 1");
                Set<String> doomed = consumers(redis).keySet();
                first = Worker.start(fake.baseUrl(), redis.url(), List.of("join", id));
                third = Worker.start(fake.baseUrl(), redis.url(), List.of("join", id));
                // Killed at a moment it holds an item: frozen (SIGSTOP) so that it cannot let go meanwhile, then
                // killed if Redis counts items it holds, else thawed to try again a little later.
                assertThat(stopUntilHolding(dies, redis, doomed::contains))
                        .as("the worker was stopped while it held items")
                        .isTrue();
                dies.process.destroyForcibly(); // SIGKILL
                assertThat(dies.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(successfulDeletes(fake).size())
                        .as("the kill came mid-job")
                        .isLessThan(total);

                first.await("done");
                third.await("done");

                Map<String, Long> perMessage = JobSetup.successfulDeletesPerMessage(fake);
                assertThat(perMessage)
                        .as("no message got two successful DELETEs")
                        .allSatisfy((message, n) -> assertThat(n).as(message).isEqualTo(1));
                for (String connection : CONNECTIONS) {
                    QueueSnapshot queue = fake.admin().queueSnapshot(connection).orElseThrow();
                    for (long m = 1; m <= IN_QUEUE; m++) {
                        // A DELETE the killed worker sent may have been carried out with its answer lost: the
                        // fake's state, not its journal of answers, says what is gone.
                        assertThat(queue.stateOf(m))
                                .as(connection + " message " + m)
                                .contains(m <= PLANNED ? "DELETED" : "SCHEDULED");
                    }
                }
                for (Worker joined : List.of(first, third)) {
                    assertThat(joined.lines())
                            .as("each worker that joined took items")
                            .anyMatch(l -> l.startsWith("took "));
                }
                assertThat(fake.requests("GET", "/v2/access/mass-messages/[0-9]+", null))
                        .as("the items the killed worker held were taken over and settled by reading them first")
                        .isPositive();
                try (RedisDeletionJobStore store = RedisDeletionJobStore.open(
                        RedisUrl.parse(redis.url()), new ApiKey(TestRecordings.KEY), SharedJobWorker.SETTINGS)) {
                    StoredJob job = store.load(DeletionJobId.parse(id)).orElseThrow();
                    assertThat(job.items()).hasSize(total);
                    assertThat(job.items())
                            .as(
                                    "every item has one final outcome, read from another process; not final: %s;"
                                            + " workers printed %s and %s",
                                    job.items().stream()
                                            .filter(i -> !i.state().isFinal())
                                            .toList(),
                                    first.lines(),
                                    third.lines())
                            .extracting(StoredItem::state)
                            .containsOnly(JobItemState.DELETED);
                    assertThat(store.archive(ArchiveQuery.everything().job(DeletionJobId.parse(id))))
                            .as("the archive, readable from any process, holds every deleted message")
                            .hasSize(total);
                }
                assertThat(redis.cli("--scan", "--pattern", "*"))
                        .as("no connection id reaches Redis in the clear")
                        .doesNotContain("conn_shared_job");
            } finally {
                dies.process.destroyForcibly();
                if (first != null) {
                    first.process.destroyForcibly();
                }
                if (third != null) {
                    third.process.destroyForcibly();
                }
            }
        }
    }

    /**
     * The paused worker of issue 21: a worker stopped (SIGSTOP) while it holds items whose DELETEs are in flight, for
     * longer than its 5 s lease, wakes up after the others took its items over and finished the job. It must send
     * nothing more for them: its first attempts' answers wait on its sockets, and a retry would be a DELETE after
     * another process's success.
     */
    @Test
    void aWorkerPausedPastItsLeaseSendsNothingForTheItemsTakenOverFromIt(@TempDir Path dir) throws Exception {
        List<String> connections = CONNECTIONS.subList(0, 2);
        try (RedisServer redis = RedisServer.start();
                FakeTarget fake = JobSetup.fake(dir, IN_QUEUE, connections, SharedJobWorker.RATE)) {
            fake.admin()
                    .addFault(Fault.matching("DELETE", null)
                            .then(new FaultAction.Latency(Duration.ofMillis(1500), Duration.ofMillis(1500))));
            List<String> start = new ArrayList<>(List.of("start", "12"));
            start.addAll(connections);
            List<String> lease = List.of("-D" + SharedJobWorker.LEASE_PROPERTY + "=PT5S");
            // The worker paused is the one that starts the job, so that it holds items from its first second; the
            // other joins once it is frozen and can finish the job only by taking those items over.
            Worker paused = Worker.start(fake.baseUrl(), redis.url(), start, lease);
            Worker first = null;
            try {
                String id = paused.await("job ").substring(4);
                assertThat(stopUntilHolding(paused, redis, consumer -> true))
                        .as("the worker was stopped while it held items")
                        .isTrue();
                first = Worker.start(fake.baseUrl(), redis.url(), List.of("join", id), lease);
                // The job can complete only once the other worker took those items over.
                first.await("done");
                long beforeWake = fake.admin().requests(Journal.query()).stream()
                        .mapToLong(Journal.Entry::sequence)
                        .max()
                        .orElse(0);
                signal(paused.process, "CONT");
                assertThat(paused.process.waitFor(90, TimeUnit.SECONDS))
                        .as("the woken worker ends: %s", paused.lines())
                        .isTrue();

                // Everything after the wake is the woken worker's: the other had finished the job.
                assertThat(fake.admin().requests(Journal.query().method("DELETE")).stream()
                                .filter(e -> e.sequence() > beforeWake)
                                .map(Journal.Entry::describe))
                        .as(
                                "DELETEs the woken worker sent for items taken over from it; it printed %s, the other %s",
                                paused.lines(), first.lines())
                        .isEmpty();
                // The worker that took over may repeat its own DELETE whose answer came after its attempt's bound (a
                // 404 then); no message is deleted twice.
                assertThat(JobSetup.successfulDeletesPerMessage(fake))
                        .as("no message got two successful DELETEs")
                        .allSatisfy((message, n) -> assertThat(n).as(message).isEqualTo(1));
                for (String connection : connections) {
                    QueueSnapshot queue = fake.admin().queueSnapshot(connection).orElseThrow();
                    for (long m = 1; m <= IN_QUEUE; m++) {
                        assertThat(queue.stateOf(m))
                                .as(connection + " message " + m)
                                .contains(m <= 12 ? "DELETED" : "SCHEDULED");
                    }
                }
                // On waking, the timers that fell due during the pause race the answers waiting on its sockets: the
                // worker either reads the job another finished, or reports that Redis did not answer in time and
                // leaves its items to the lease. Either way it sent nothing more (above).
                assertThat(paused.lines())
                        .as("the paused worker woke up to a job another finished, or said why it stopped")
                        .anyMatch(l -> l.contains("COMPLETED")
                                || l.startsWith("done")
                                || (l.contains("Redis at ") && l.contains(" is unavailable")));
            } finally {
                if (first != null) {
                    first.process.destroyForcibly();
                }
                signal(paused.process, "CONT");
                paused.process.destroyForcibly();
            }
        }
    }

    /**
     * Stops the worker (SIGSTOP) at a moment Redis counts items held by one of its consumers, thawing it to try again 20
     * ms later while it holds none; true once stopped holding items, false if that did not happen within 60 s (the
     * worker is then left stopped).
     */
    private static boolean stopUntilHolding(Worker worker, RedisServer redis, Predicate<String> itsConsumers)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            signal(worker.process, "STOP");
            if (consumers(redis).entrySet().stream().anyMatch(c -> itsConsumers.test(c.getKey()) && c.getValue() > 0)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            signal(worker.process, "CONT");
            worker.process
                    .onExit()
                    .completeOnTimeout(null, 20, TimeUnit.MILLISECONDS)
                    .join();
        }
    }

    /** Sends {@code SIGSTOP} or {@code SIGCONT} to a process and waits for {@code kill} to return. */
    private static void signal(Process process, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .redirectErrorStream(true)
                .start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Every consumer of the job's streams with how many items it holds, summed over the streams. */
    private static Map<String, Long> consumers(RedisServer redis) {
        Map<String, Long> held = new HashMap<>();
        for (String stream :
                redis.cli("--scan", "--pattern", "*:items:*").lines().toList()) {
            List<String> lines =
                    redis.cli("XINFO", "CONSUMERS", stream, "workers").lines().toList();
            for (int i = 0; i + 3 < lines.size(); i++) {
                if (lines.get(i).equals("name") && lines.get(i + 2).equals("pending")) {
                    held.merge(lines.get(i + 1), Long.parseLong(lines.get(i + 3)), Long::sum);
                }
            }
        }
        return held;
    }

    private static List<Journal.Entry> successfulDeletes(FakeTarget fake) {
        return fake.admin().requests(Journal.query().method("DELETE").status(200));
    }

    /** A worker JVM and the lines it printed, read as they come so that it never blocks on a full pipe. */
    static final class Worker {
        final Process process;
        private final List<String> lines = new ArrayList<>();
        private boolean ended;

        private Worker(Process process) {
            this.process = process;
        }

        static Worker start(String baseUrl, String redisUrl, List<String> args) throws Exception {
            return start(baseUrl, redisUrl, args, List.of());
        }

        static Worker start(String baseUrl, String redisUrl, List<String> args, List<String> jvmOptions)
                throws Exception {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(jvmOptions);
            command.addAll(List.of(
                    "-cp", System.getProperty("java.class.path"), SharedJobWorker.class.getName(), baseUrl, redisUrl));
            command.addAll(args);
            Worker worker = new Worker(
                    new ProcessBuilder(command).redirectErrorStream(true).start());
            Thread reader = new Thread(worker::read);
            reader.setDaemon(true);
            reader.start();
            return worker;
        }

        private void read() {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (Exception ignored) {
                // The process died; its lines so far are kept.
            } finally {
                synchronized (this) {
                    ended = true;
                    notifyAll();
                }
            }
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        /** The first line starting with {@code prefix}, waiting up to 90 s for the worker to print it. */
        synchronized String await(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (true) {
                for (String line : lines) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (ended || left <= 0) {
                    throw new AssertionError("the worker never printed '" + prefix + "': " + lines);
                }
                wait(left);
            }
        }
    }
}

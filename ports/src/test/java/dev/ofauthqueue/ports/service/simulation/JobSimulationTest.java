package dev.ofauthqueue.ports.service.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobListener;
import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.StartDeletionJobCommand;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.ports.out.DeletionJobStore;
import dev.ofauthqueue.ports.service.DeletionJobService;
import dev.ofauthqueue.ports.service.InMemoryDeletionJobStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deletion jobs under a deterministic simulation, as FoundationDB and TigerBeetle test themselves: each seed drives
 * one whole history on virtual time (an OFAuth with its rate limit, storms of 429s, lost and slow answers, messages
 * reaching their send time or deleted by someone else meanwhile; several processes on one shared store, or one at a
 * time on an exclusive one; processes killed at every step of an item, paused past their lease with their clock
 * running or frozen, store calls failing, the job canceled from elsewhere or lost with the store), then a run without
 * faults that must finish the job. Every DELETE is checked as it leaves, and the job at the end ({@link History}).
 *
 * <p>{@code ./mvnw verify} runs 500 seeds; {@code -Dofauth.sim.seeds=N} runs N, {@code -Dofauth.sim.firstSeed=S} starts
 * at S, and {@code -Dofauth.sim.seed=S} replays one history exactly.
 */
class JobSimulationTest {

    static final Duration LEASE = Duration.ofSeconds(5);
    static final Duration FAULTS_END = Duration.ofMinutes(3);
    static final Duration LIMIT = Duration.ofHours(6);
    /**
     * A history that has not ended after this many events is a violation (a loop that does not advance): 500 seeds
     * take 290 events at the median and 1,383 at most, so a spinning run fails in a fraction of a second rather than
     * running into a mutation tester's timeout.
     */
    static final long MAX_STEPS = 50_000;

    static final DeletionJobService.UpstreamSettings TARGET =
            new DeletionJobService.UpstreamSettings("https://simulated.ofauth.invalid", "scheduled", "9/s");

    /** What a history came to. */
    record Result(long seed, List<String> violations, long steps, int requests, int planned) {}

    @Test
    void everyHistoryKeepsThePromisesOfDeletionJobs() {
        String one = System.getProperty("ofauth.sim.seed");
        long first = Long.getLong("ofauth.sim.firstSeed", 1);
        int seeds = Integer.getInteger("ofauth.sim.seeds", 500);
        LongStream range = one != null ? LongStream.of(Long.parseLong(one)) : LongStream.range(first, first + seeds);

        List<Result> failed = range.parallel()
                .mapToObj(JobSimulationTest::history)
                .filter(r -> !r.violations().isEmpty())
                .sorted((a, b) -> Long.compare(a.seed(), b.seed()))
                .toList();

        assertThat(failed)
                .as(() -> failed.stream()
                        .limit(5)
                        .map(r -> "seed " + r.seed() + " (replay: ./mvnw -pl ports test -Dtest=JobSimulationTest"
                                + " -Dofauth.sim.seed=" + r.seed() + "):\n  "
                                + r.violations().stream().limit(10).collect(Collectors.joining("\n  ")))
                        .collect(Collectors.joining("\n")))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 1234, 99_991})
    void aSeedReplaysTheSameHistory(long seed) {
        Result once = history(seed);
        Result again = history(seed);

        assertThat(again).isEqualTo(once);
        assertThat(once.requests()).isPositive();
    }

    // ---- one history

    static Result history(long seed) {
        World w = new World(seed);
        w.ofauth.trace = w.history;
        w.start();
        w.sim.run(LIMIT, MAX_STEPS);
        if (w.sim.steps() >= MAX_STEPS) {
            w.history.violations().add("the history did not end within " + MAX_STEPS + " events");
        }
        if (w.job == null) {
            w.history.violations().add("the job was never created");
        } else {
            w.history.atEnd(w.store, w.history.lost() ? Optional.empty() : w.store.load(w.job));
        }
        if (History.TRACE) {
            w.history.note("end: " + (w.job == null ? "no job" : w.store.load(w.job)));
            System.out.println("seed " + seed + (w.shared ? " shared" : " exclusive") + ":\n"
                    + String.join("\n", w.history.trace));
        }
        return new Result(seed, w.history.violations(), w.sim.steps(), w.ofauth.journal.size(), w.history.planned());
    }

    /** Everything of one history. */
    static final class World {
        final Simulation sim;
        final boolean shared;
        final SimulatedOfAuth ofauth;
        final DeletionPolicy policy = DeletionPolicy.standard();
        final History history;
        final Faults faults;
        final DeletionJobStore store;
        final SimulatedBudget budget;
        final Duration maxPlanAge;
        final List<ConnectionId> connections = new ArrayList<>();
        final List<Proc> processes = new ArrayList<>();

        @Nullable
        DeletionJobId job;

        int spawned;

        /** A process and what runs in it. */
        record Proc(SimulatedProcess process, FaultyStore store, DeletionJobService jobs) {}

        World(long seed) {
            sim = new Simulation(seed);
            shared = sim.random.nextInt(5) != 0;
            ofauth = new SimulatedOfAuth(sim, 10, 10);
            history = new History(sim, ofauth, LEASE, policy);
            faults = Faults.drawn(sim);
            store = shared
                    ? InMemoryDeletionJobStore.shared("simulated shared store", sim.clock(), LEASE, 3)
                    : new InMemoryDeletionJobStore("simulated exclusive store");
            budget = new SimulatedBudget(sim, Duration.ofMillis(110));
            maxPlanAge = sim.between(Duration.ofSeconds(10), Duration.ofMinutes(5));
            int count = 1 + sim.random.nextInt(3);
            for (int c = 0; c < count; c++) {
                ConnectionId connection = ConnectionId.of("conn_sim_" + (char) ('a' + c));
                connections.add(connection);
                int messages = 2 + sim.random.nextInt(14);
                for (int i = 1; i <= messages; i++) {
                    boolean soon = sim.chance(0.2);
                    ofauth.put(
                            connection,
                            ScheduledMassMessage.builder(MassMessageId.of(1000L * (c + 1) + i))
                                    .text("message " + i)
                                    .sendAt(Simulation.START.plus(
                                            soon
                                                    ? sim.between(Duration.ofSeconds(20), Duration.ofMinutes(4))
                                                    : sim.between(Duration.ofMinutes(10), Duration.ofHours(3))))
                                    .build());
                }
            }
        }

        Proc spawn() {
            SimulatedProcess process = new SimulatedProcess("p" + ++spawned, sim);
            process.trace = history;
            FaultyStore view = new FaultyStore(store, process, faults, history);
            SimulatedPort port = new SimulatedPort(process, sim, ofauth, budget.view(process), history, faults);
            DeletionJobService jobs = DeletionJobService.builder(port, view)
                    .policy(policy)
                    .clock(sim.clock())
                    .scheduler(process)
                    .maxPlanAge(maxPlanAge)
                    .target(TARGET)
                    .build();
            Proc proc = new Proc(process, view, jobs);
            processes.add(proc);
            return proc;
        }

        void start() {
            StartDeletionJobCommand command =
                    StartDeletionJobCommand.of(connections, Selection.all()).withConcurrency(1 + sim.random.nextInt(6));
            if (sim.chance(0.2)) {
                command = command.readingBeforeDelete();
            }
            spawn().jobs().startDeletionJob(command).whenComplete((id, failure) -> {
                if (id == null) {
                    return;
                }
                job = id;
                watch(processes.get(0), id);
                history.planned(store.load(id).orElseThrow());
                faults.on(true);
                scheduleFaults();
                if (shared) {
                    int joiners = sim.random.nextInt(3);
                    for (int i = 0; i < joiners; i++) {
                        sim.after(sim.between(Duration.ZERO, Duration.ofSeconds(60)), () -> join(spawn(), 3));
                    }
                }
            });
            sim.after(FAULTS_END, () -> faults.on(false));
            sim.after(FAULTS_END.plusSeconds(30), () -> {
                if (job != null && !history.lost()) {
                    heal(spawn(), 10);
                }
            });
        }

        /**
         * The operator after the faults: resumes the job until nothing of it is left to retry or settle (a run ends
         * with items failed or unconfirmed; the next resume tries them again), as {@code jobs resume} would be run.
         */
        void heal(Proc healer, int runs) {
            DeletionJobId id = Objects.requireNonNull(job);
            healer.jobs()
                    .resumeDeletionJob(id, DeletionJobListener.NONE)
                    .thenCompose(healer.jobs()::awaitDeletionJob)
                    .whenComplete((status, failure) -> {
                        history.note("the healer's run ended " + (failure != null ? "failing: " + failure : status));
                        boolean open = failure != null
                                || store.load(id).orElseThrow().items().stream()
                                        .anyMatch(i -> !i.state().isFinal());
                        if (open && runs > 1) {
                            healer.process().schedule(Duration.ofSeconds(5), () -> heal(healer, runs - 1));
                        }
                    });
        }

        void watch(Proc proc, DeletionJobId id) {
            proc.jobs()
                    .awaitDeletionJob(id)
                    .whenComplete((status, failure) -> history.note(proc.process().name + "'s run ended "
                            + (failure != null ? "failing: " + failure : status.state() + " " + status.counts())));
        }

        /** Resumes (exclusive) or joins (shared) the job; a refusal (locked, store away) is tried again later. */
        void join(Proc proc, int tries) {
            Objects.requireNonNull(job);
            proc.jobs().resumeDeletionJob(job, DeletionJobListener.NONE).whenComplete((id, failure) -> {
                if (id != null) {
                    watch(proc, id);
                }
                if (failure != null && tries > 1 && proc.process().alive()) {
                    proc.process().schedule(Duration.ofSeconds(5), () -> join(proc, tries - 1));
                }
            });
        }

        void scheduleFaults() {
            int events = 3 + sim.random.nextInt(20);
            boolean cancels = sim.chance(0.15);
            boolean loses = shared && sim.chance(0.03);
            for (int i = 0; i < events; i++) {
                sim.after(sim.between(Duration.ZERO, FAULTS_END.minusSeconds(20)), this::fault);
            }
            if (cancels) {
                sim.after(sim.between(Duration.ZERO, FAULTS_END), this::cancelElsewhere);
            }
            if (loses) {
                sim.after(sim.between(Duration.ZERO, FAULTS_END), history::lose);
            }
        }

        void fault() {
            List<Proc> alive =
                    processes.stream().filter(p -> p.process().alive()).toList();
            switch (sim.random.nextInt(5)) {
                case 0 -> {
                    if (!alive.isEmpty()) {
                        alive.get(sim.random.nextInt(alive.size()))
                                .process()
                                .pause(sim.between(Duration.ofSeconds(1), Duration.ofSeconds(20)), sim.chance(0.3));
                    }
                }
                case 1 -> {
                    if (!alive.isEmpty() && spawned < 8) {
                        Proc victim = alive.get(sim.random.nextInt(alive.size()));
                        victim.process().kill();
                        Proc next = spawn();
                        history.note(victim.process().name + " is killed; " + next.process().name + " will join");
                        sim.after(sim.between(Duration.ofSeconds(1), Duration.ofSeconds(10)), () -> join(next, 50));
                    }
                }
                case 2 -> ofauth.storm(sim.now(), sim.between(Duration.ofSeconds(1), Duration.ofSeconds(15)));
                case 3 -> {
                    ConnectionId c = connections.get(sim.random.nextInt(connections.size()));
                    ofauth.deleteElsewhere(
                            c, MassMessageId.of(1000L * (connections.indexOf(c) + 1) + 1 + sim.random.nextInt(15)));
                }
                default -> {
                    // A quiet moment.
                }
            }
        }

        /** The command line's {@code jobs cancel} from another process: the state, written in the store. */
        void cancelElsewhere() {
            if (job != null && !history.lost()) {
                store.setState(job, DeletionJobState.CANCELED);
                history.state(DeletionJobState.CANCELED);
            }
        }
    }
}

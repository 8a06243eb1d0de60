package dev.ofauthqueue.cli;

import dev.ofauthqueue.ArchiveQuery;
import dev.ofauthqueue.ArchivedDeletion;
import dev.ofauthqueue.Audience;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobRun;
import dev.ofauthqueue.DeletionJobStatus;
import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.MassMessageDraft;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.OfAuthQueue;
import dev.ofauthqueue.RestoreDeletedCommand;
import dev.ofauthqueue.RestoreOutcome;
import dev.ofauthqueue.RestoreOutcome.Kind;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.ports.out.DeleteRequestOutcome;
import dev.ofauthqueue.ports.out.DeletionJobStore;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredJob;
import dev.ofauthqueue.ports.out.QueuePage;
import dev.ofauthqueue.ports.out.ScheduledQueuePort;
import dev.ofauthqueue.ports.out.SendPermit;
import dev.ofauthqueue.ports.service.DeletionJobService;
import dev.ofauthqueue.ports.service.JobSeal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jobs}: the deletion jobs kept in the job directory. */
@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        description = "The deletion jobs kept in --job-dir, or on Redis with --redis: list, show, resume (or join),"
                + " cancel, and the archive of what one deleted.",
        subcommands = {
            JobsCommand.ListJobs.class,
            JobsCommand.Show.class,
            JobsCommand.Resume.class,
            JobsCommand.Cancel.class,
            JobsCommand.Archive.class,
            JobsCommand.Restore.class
        },
        footer = {"", ExitCode.HELP})
final class JobsCommand implements Callable<Integer> {

    private final Terminal t;

    JobsCommand(Terminal t) {
        this.t = t;
    }

    @Override
    public Integer call() {
        t.err().println("ofauth-queue: jobs needs a subcommand: list, show, resume, cancel or archive");
        return ExitCode.USAGE;
    }

    static DeletionJobId id(String text) {
        try {
            return DeletionJobId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }

    /** The store's jobs without OFAuth: reading them sends nothing (on Redis, the key names the jobs' keys). */
    static <T> T offline(Terminal t, CommonOptions common, Function<DeletionJobService, T> work) {
        return offline(t, common, JobSeal.NONE, work);
    }

    /** As {@link #offline(Terminal, CommonOptions, Function)}, checking what it reads against the jobs' seals. */
    static <T> T offline(Terminal t, CommonOptions common, JobSeal seal, Function<DeletionJobService, T> work) {
        try (DeletionJobStore store = common.openJobStore(t);
                DeletionJobService jobs = DeletionJobService.builder(new Offline(), store)
                        .seal(seal)
                        .build()) {
            return work.apply(jobs);
        }
    }

    static Map<String, Object> jobLine(DeletionJobStatus s) {
        Map<String, Object> line = Json.line("job");
        line.put("id", s.id().value());
        line.put("state", Render.state(s));
        line.put("createdAt", s.createdAt().toString());
        line.put("target", s.target());
        line.put("selection", s.selection().toString());
        line.put("total", s.total());
        for (JobItemState state : JobItemState.values()) {
            line.put(JobRunner.camel(state), s.count(state));
        }
        line.put("stoppedConnections", s.stopped().size());
        return line;
    }

    /** How many of a job's runs {@code jobs show} prints, the newest (JSON has them all). */
    static final int RUNS_SHOWN = 5;

    /** One run's figures, as the JSON lines of {@code jobs show --json} name them. */
    static Map<String, Object> runJson(DeletionJobRun run) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("startedAt", run.startedAt().toString());
        out.put("endedAt", run.endedAt().toString());
        out.put("state", Render.state(run));
        out.put("settled", run.settled());
        out.put("failed", run.failed());
        out.put("tokens", run.tokens());
        out.put("budgetWaitMs", run.budgetWait().toMillis());
        out.put("rateLimited", run.rateLimited());
        out.put("retryAfterMs", run.retryAfter().toMillis());
        out.put("listPages", run.listPages());
        out.put("attempts", run.attempts());
        out.put("retries", run.retries());
        out.put("perMessage", run.requestsPerMessage());
        out.put("p50Ms", run.attemptP50().toMillis());
        out.put("p99Ms", run.attemptP99().toMillis());
        out.put("takeovers", run.takeovers());
        out.put("deadLetters", run.deadLetters());
        return out;
    }

    /**
     * Two lines per run, the newest {@link #RUNS_SHOWN}: where each run's time went, then its DELETE attempts (their
     * retries and durations) and its requests per message.
     */
    static List<String> runRows(DeletionJobRun run, ZoneId zone) {
        return List.of(runRow(run, zone), attemptsRow(run));
    }

    private static String attemptsRow(DeletionJobRun run) {
        return "      DELETE attempts: " + run.attempts() + " (" + run.retries() + " retries; p50 "
                + run.attemptP50().toMillis() + " ms, p99 " + run.attemptP99().toMillis() + " ms); "
                + run.requestsPerMessage() + " requests per message";
    }

    private static String runRow(DeletionJobRun run, ZoneId zone) {
        return "  run " + Render.seconds(run.startedAt(), zone) + " " + Render.state(run) + " after "
                + Render.duration(run.duration()) + ": " + run.settled() + " settled, " + run.failed() + " failed; "
                + run.tokens()
                + " tokens, waited " + Render.duration(run.budgetWait()) + "; " + run.rateLimited() + " answered 429"
                + (run.rateLimited() > 0 ? " (asked to wait " + Render.duration(run.retryAfter()) + ")" : "") + "; "
                + run.listPages() + " list pages"
                + (run.takeovers() + run.deadLetters() > 0
                        ? "; " + run.takeovers() + " taken over, " + run.deadLetters() + " set aside as dead letters"
                        : "");
    }

    /** One table row: the creation time to the second in {@code zone}, the selection as its flags. */
    static String jobRow(DeletionJobStatus s, ZoneId zone) {
        return String.format(
                Locale.ROOT,
                "%-6s %-11s %-19s %5d/%-5d %s  %s",
                s.id(),
                Render.state(s),
                Render.seconds(s.createdAt(), zone),
                s.settled(),
                s.total(),
                s.target(),
                Render.cut(Render.selection(s.selection()), 60));
    }

    /** A stored job's connections, each once, in plan order: how its output numbers them. */
    static List<ConnectionId> connectionsOf(StoredJob stored) {
        LinkedHashSet<ConnectionId> connections = new LinkedHashSet<>();
        stored.items().forEach(i -> connections.add(i.item().connection()));
        return new ArrayList<>(connections);
    }

    /** A subcommand about one job: its id, the common options, the terminal. */
    abstract static class OneJob implements Callable<Integer> {
        final Terminal t;

        @Mixin
        StoredJobOptions options;

        CommonOptions common;

        @Parameters(paramLabel = "ID", description = "The job.")
        String job;

        OneJob(Terminal t) {
            this.t = t;
        }

        @Override
        public Integer call() {
            common = CommonOptions.forStoredJob(options);
            return run(id(job));
        }

        abstract int run(DeletionJobId id);
    }

    /** {@code jobs list}. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Every job, newest first.",
            footer = {"", ExitCode.HELP})
    static final class ListJobs implements Callable<Integer> {
        private final Terminal t;

        @Mixin
        StoredJobOptions options;

        CommonOptions common;

        ListJobs(Terminal t) {
            this.t = t;
        }

        @Override
        public Integer call() {
            common = CommonOptions.forStoredJob(options);
            ZoneId zone = Render.zone(t);
            List<DeletionJobStatus> all = offline(
                    t, common, jobs -> jobs.deletionJobs().toCompletableFuture().join());
            if (common.json) {
                all.forEach(s -> t.out().println(Json.write(jobLine(s))));
                Map<String, Object> summary = Json.line("summary");
                summary.put("jobs", all.size());
                summary.put("exitCode", ExitCode.OK);
                t.out().println(Json.write(summary));
            } else if (all.isEmpty()) {
                t.out().println("No jobs in " + common.jobStoreLocation(t));
            } else {
                t.out()
                        .println(String.format(
                                Locale.ROOT,
                                "%-6s %-11s %-19s %11s %s  %s",
                                "JOB",
                                "STATE",
                                Render.cut("CREATED (" + Render.shortZone(zone) + ")", 19),
                                "SETTLED",
                                "TARGET",
                                "SELECTION"));
                all.forEach(s -> t.out().println(jobRow(s, zone)));
            }
            return ExitCode.OK;
        }
    }

    /** {@code jobs show ID}. */
    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "One job: its state, counts and settings.",
            footer = {"", ExitCode.HELP})
    static final class Show extends OneJob {
        Show(Terminal t) {
            super(t);
        }

        @Override
        int run(DeletionJobId id) {
            record Shown(DeletionJobStatus status, List<DeletionJobRun> runs) {}
            Shown shown = offline(
                    t,
                    common,
                    jobs -> new Shown(
                            jobs.deletionJobStatus(id).toCompletableFuture().join(),
                            jobs.deletionJobRuns(id).toCompletableFuture().join()));
            DeletionJobStatus s = shown.status();
            if (common.json) {
                Map<String, Object> line = jobLine(s);
                line.put("runs", shown.runs().stream().map(JobsCommand::runJson).toList());
                t.out().println(Json.write(line));
            } else {
                int failed = s.count(JobItemState.FAILED) + s.count(JobItemState.UNCONFIRMED);
                t.out()
                        .println("job " + s.id() + ": " + Render.state(s)
                                + (failed > 0 ? ", " + failed + " of " + s.total() + " failed or unconfirmed" : "")
                                + ", created " + Render.seconds(s.createdAt(), Render.zone(t)) + " ("
                                + Render.zone(t).getId() + ")");
                t.out().println("  target:    " + s.target());
                t.out().println("  selection: " + s.selection());
                for (JobItemState state : JobItemState.values()) {
                    t.out().println(String.format(Locale.ROOT, "  %-13s %d", state, s.count(state)));
                }
                s.stopped()
                        .forEach((c, reason) -> t.out().println("  stopped " + c + ": " + TerminalText.line(reason)));
                printRuns(shown.runs(), Render.zone(t));
                if (s.state() != DeletionJobState.RUNNING && (s.state() != DeletionJobState.COMPLETED || failed > 0)) {
                    t.out().println("resume it with: ofauth-queue jobs resume " + s.id());
                }
            }
            return ExitCode.OK;
        }

        private void printRuns(List<DeletionJobRun> runs, ZoneId zone) {
            int earlier = Math.max(0, runs.size() - RUNS_SHOWN);
            if (earlier > 0) {
                t.out().println("  (" + earlier + " earlier runs: --json lists them)");
            }
            runs.subList(earlier, runs.size()).forEach(run -> runRows(run, zone).forEach(t.out()::println));
        }
    }

    /** {@code jobs resume ID}. */
    @Command(
            name = "resume",
            mixinStandardHelpOptions = true,
            description = "Continue an interrupted, canceled or stopped job with the settings it was created with.",
            footer = {"", ExitCode.HELP})
    static final class Resume extends OneJob {
        @Mixin
        MaxDeleteOption maxDelete;

        Resume(Terminal t) {
            super(t);
        }

        @Override
        int run(DeletionJobId id) {
            StoredJob stored;
            try (DeletionJobStore store = common.openJobStore(t)) {
                stored = store.load(id).orElseThrow(() -> new UsageError("no job " + id + " in " + store.location()));
            }
            int unsettled = (int)
                    stored.items().stream().filter(i -> !i.state().isFinal()).count();
            OptionalInt over = maxDelete.refuse(t, common.json, unsettled, "job " + id);
            if (over.isPresent()) {
                return over.getAsInt();
            }
            DeletionPolicy policy = DeletionPolicy.parse(stored.settings().policy());
            try (OfAuthQueue q = common.open(
                    t,
                    policy,
                    stored.settings().maxPlanAge(),
                    Optional.of(stored.settings().target()),
                    Optional.of(stored.settings().rateLimit()))) {
                JobRunner runner = new JobRunner(t, q, common.json, connectionsOf(stored));
                return runner.run(listener -> q.jobUseCases().resumeDeletionJob(id, listener));
            }
        }
    }

    /** {@code jobs cancel ID}. */
    @Command(
            name = "cancel",
            mixinStandardHelpOptions = true,
            description = "Stop a job: a process running it stops taking new messages within a second and settles those"
                    + " in flight. It can be resumed.",
            footer = {"", ExitCode.HELP})
    static final class Cancel extends OneJob {
        Cancel(Terminal t) {
            super(t);
        }

        @Override
        int run(DeletionJobId id) {
            DeletionJobStatus s = offline(
                    t,
                    common,
                    jobs -> jobs.cancelDeletionJob(id).toCompletableFuture().join());
            if (common.json) {
                t.out().println(Json.write(jobLine(s)));
            } else {
                t.out()
                        .println("job " + id + ": " + s.state()
                                + (s.state() == DeletionJobState.RUNNING
                                        ? " elsewhere; asked to stop after the deletions in flight"
                                        : ""));
            }
            return ExitCode.OK;
        }
    }

    /** {@code jobs archive ID}. */
    @Command(
            name = "archive",
            mixinStandardHelpOptions = true,
            description = "What a job deleted, as JSON lines: OFAuth's queue object of each deleted message (every"
                    + " field), for audit and to re-create a message by hand.",
            footer = {"", ExitCode.HELP})
    static final class Archive extends OneJob {
        Archive(Terminal t) {
            super(t);
        }

        @Override
        int run(DeletionJobId id) {
            // What re-creates messages is checked against the job's sealed plan: the API key is needed for that.
            JobSeal seal = JobSeal.derivedFrom(common.apiKey(t).value());
            List<ArchivedDeletion> deleted = offline(t, common, seal, jobs -> {
                jobs.deletionJobStatus(id).toCompletableFuture().join(); // names an unknown job
                return jobs.deletedMessages(ArchiveQuery.everything().job(id))
                        .toCompletableFuture()
                        .join();
            });
            deleted.forEach(a -> t.out().println(a.toJsonLine()));
            t.err().println(deleted.size() + " deleted message(s) in job " + id);
            return ExitCode.OK;
        }
    }

    /** A port for commands that never reach OFAuth. */
    static final class Offline implements ScheduledQueuePort {
        private static <T> CompletionStage<T> refuse() {
            return CompletableFuture.failedFuture(new IllegalStateException("this command does not reach OFAuth"));
        }

        @Override
        public CompletionStage<QueuePage> fetchScheduledPage(ConnectionId connection, int offset, int limit) {
            return refuse();
        }

        @Override
        public CompletionStage<Optional<ScheduledMassMessage>> fetchMassMessage(ConnectionId c, MassMessageId id) {
            return refuse();
        }

        @Override
        public CompletionStage<DeleteRequestOutcome> deleteScheduledMassMessage(ConnectionId c, MassMessageId id) {
            return refuse();
        }

        @Override
        public CompletionStage<DeleteRequestOutcome> deleteIfStillScheduled(
                ConnectionId c, MassMessageId id, SendPermit permit) {
            return refuse();
        }
    }

    /** {@code jobs restore ID}: the undo of a job. */
    @Command(
            name = "restore",
            mixinStandardHelpOptions = true,
            description = {
                "Re-create what a job deleted as new scheduled mass messages (text, price, media, the original send date"
                        + " when it is still ahead), to the audience you name: a queue item does not say who it was"
                        + " for. Each message is created at most once: an intent is recorded before each POST and the"
                        + " new id after it, and a POST is never sent twice. Running it again creates nothing twice; a"
                        + " message whose earlier POST got no answer is looked for in the queue, else reported"
                        + " UNCONFIRMED and never sent again automatically."
            },
            footer = {"", ExitCode.HELP})
    static final class Restore extends OneJob {
        @Option(
                names = "--lists",
                paramLabel = "LIST,LIST",
                description = "The user lists (ids or names) the new messages go to.")
        List<String> lists = new ArrayList<>();

        @Option(
                names = "--users",
                paramLabel = "USER,USER",
                description = "The users (ids or names) the new messages go to.")
        List<String> users = new ArrayList<>();

        @Option(
                names = "--at",
                paramLabel = "TIME",
                description = "Send a message whose own send date has passed at TIME instead (2026-12-24T18:00,"
                        + " local, or 2026-12-24T17:00Z); without it such messages are refused.")
        @Nullable
        String at;

        @Option(
                names = "--keep-dates",
                description = "Keep every message's own send date, refusing those that have passed (the default;"
                        + " not with --at).")
        boolean keepDates;

        @Option(names = "--ids", paramLabel = "ID,ID", description = "Only these of the job's deleted messages.")
        List<String> ids = new ArrayList<>();

        Restore(Terminal t) {
            super(t);
        }

        @Override
        int run(DeletionJobId id) {
            if (lists.isEmpty() && users.isEmpty()) {
                throw new UsageError("jobs restore needs --lists or --users: a queue item does not say who it was for");
            }
            if (at != null && keepDates) {
                throw new UsageError("--at and --keep-dates say opposite things: give one");
            }
            Audience audience;
            try {
                audience = new Audience(CommaList.items("--lists", lists), CommaList.items("--users", users));
            } catch (IllegalArgumentException e) {
                throw new UsageError("--lists/--users: " + e.getMessage());
            }
            Optional<Instant> when =
                    Optional.ofNullable(at).map(text -> Ranges.instant(text, Render.zone(t), false, "--at"));
            try {
                when.ifPresent(MassMessageDraft::checkSendAt);
            } catch (IllegalArgumentException e) {
                throw new UsageError("--at: " + e.getMessage());
            }
            Set<MassMessageId> only = new LinkedHashSet<>(SelectionOptions.ids(ids));
            StoredJob stored;
            try (DeletionJobStore store = common.openJobStore(t)) {
                stored = store.load(id).orElseThrow(() -> new UsageError("no job " + id + " in " + store.location()));
            }
            Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
            List<ConnectionId> connections = connectionsOf(stored);
            try (OfAuthQueue q = common.open(
                    t,
                    DeletionPolicy.standard(),
                    stored.settings().maxPlanAge(),
                    Optional.of(stored.settings().target()),
                    Optional.of(stored.settings().rateLimit()))) {
                q.jobUseCases()
                        .restoreDeletedMessages(new RestoreDeletedCommand(id, audience, when, only, o -> {
                            counts.merge(o.kind(), 1, Integer::sum);
                            print(o, connections.indexOf(o.connection()));
                        }))
                        .toCompletableFuture()
                        .join();
            }
            int problems = counts.getOrDefault(Kind.UNCONFIRMED, 0)
                    + counts.getOrDefault(Kind.FAILED, 0)
                    + counts.getOrDefault(Kind.REFUSED, 0);
            int code = problems > 0 ? ExitCode.SOME_FAILED : ExitCode.OK;
            if (common.json) {
                Map<String, Object> summary = Json.line("summary");
                summary.put("job", id.value());
                for (Kind kind : Kind.values()) {
                    summary.put(JobRunner.camel(kind.name()), counts.getOrDefault(kind, 0));
                }
                summary.put("exitCode", code);
                t.out().println(Json.write(summary));
            } else {
                t.out()
                        .println("job " + id + " restore: " + counts.getOrDefault(Kind.CREATED, 0) + " created, "
                                + counts.getOrDefault(Kind.ALREADY_RESTORED, 0) + " already restored, "
                                + counts.getOrDefault(Kind.FOUND, 0) + " found, "
                                + counts.getOrDefault(Kind.UNCONFIRMED, 0) + " unconfirmed, "
                                + counts.getOrDefault(Kind.REFUSED, 0) + " refused, "
                                + counts.getOrDefault(Kind.FAILED, 0) + " failed");
            }
            return code;
        }

        private void print(RestoreOutcome o, int index) {
            if (common.json) {
                Map<String, Object> line = Json.line("restore");
                line.put("connection", o.connection().toString());
                line.put("connectionIndex", index);
                line.put("original", o.original().value());
                line.put("outcome", o.kind().name());
                line.put("created", o.created().map(MassMessageId::value).orElse(null));
                line.put("detail", o.detail());
                t.out().println(Json.write(line));
            } else {
                t.out()
                        .println(String.format(
                                Locale.ROOT,
                                "%-16s %s%s: %s",
                                o.kind(),
                                o.original(),
                                o.created().map(c -> " -> " + c).orElse(""),
                                TerminalText.line(o.detail())));
            }
        }
    }
}

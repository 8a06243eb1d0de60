package dev.ofauthqueue.cli;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionPlan;
import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.OfAuthQueue;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.StartDeletionJobCommand;
import dev.ofauthqueue.library.PlanFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code delete}: plans (or reads a plan file), asks, then runs the plan as a deletion job. */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = {
            "Delete the selected messages as a deletion job: plan (as the plan command shows), ask, then send one DELETE"
                    + " per message the plan allows, within the rate budget. The job is kept in --job-dir (or on"
                    + " Redis with --redis) and survives a crash: 'jobs resume ID' continues it without deleting anything"
                    + " twice (with --redis, another process's 'jobs resume ID' joins it).",
            "Needs a selection flag or --all, or --plan FILE (written by plan --out), which deletes exactly that plan"
                    + " without listing the queue. Without a terminal it deletes nothing unless --yes is given."
        },
        footer = {"", ExitCode.HELP})
final class DeleteCommand implements Callable<Integer> {

    private final Terminal t;

    @Mixin
    QueueOptions queue;

    @Mixin
    StoreOptions store;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            description = "DELETEs in flight at once across connections (default: max(4, 2 x connections)).")
    @Nullable
    Integer concurrency;

    @Mixin
    SelectionOptions selection;

    @Mixin
    PolicyOptions policy;

    @Mixin
    MaxDeleteOption maxDelete;

    @Option(
            names = "--plan",
            paramLabel = "FILE",
            description = "Delete exactly the plan in FILE (from plan --out), listing nothing; its selection, policy"
                    + " and connections are the file's. Refused when edited, made with another API key or base URL,"
                    + " or older than --plan-max-age (exit 5).")
    @Nullable
    Path planFile;

    @Option(
            names = "--refresh",
            description = "With --plan: apply a plan older than --plan-max-age by listing the queue again, keeping only"
                    + " messages still there and still selected (never adding one).")
    boolean refresh;

    @Option(
            names = {"--yes", "-y"},
            description = "Delete without asking.")
    boolean yes;

    DeleteCommand(Terminal t) {
        this.t = t;
    }

    private CommonOptions common;

    @Override
    public Integer call() throws IOException {
        common = CommonOptions.forJob(queue, store);
        if (planFile == null && refresh) {
            throw new UsageError("--refresh applies to a plan file: give --plan FILE");
        }
        if (planFile != null && (selection.anyFlag() || policy.givenPolicy() || common.namedConnections())) {
            throw new UsageError("--plan FILE carries its own selection, policy and connections: give no selection,"
                    + " policy or --connection flag with it");
        }
        if (planFile == null && !selection.anyFlag()) {
            throw new UsageError(
                    "delete needs a selection flag (--ids, --free, --text-contains, ...), --all, or --plan" + " FILE");
        }
        if (concurrency != null && (concurrency < 1 || concurrency > 256)) {
            throw new UsageError("--concurrency must be 1 to 256, was " + concurrency);
        }
        Optional<Integer> inFlight = Optional.ofNullable(concurrency);
        if (!yes && !t.terminal()) {
            String why = "refusing to delete without --yes: standard input is not a terminal, so nobody can confirm."
                    + " Nothing was sent.";
            t.err().println("ofauth-queue: " + why);
            return OfAuthQueueCli.failed(t, common.json, ExitCode.USAGE, why);
        }
        return planFile != null ? fromFile(planFile, inFlight) : fromListing(inFlight);
    }

    /** Plans from one listing of each connection, and starts the job from that plan. */
    private int fromListing(Optional<Integer> concurrency) throws IOException {
        List<ConnectionId> connections = common.connections(t);
        Selection sel = selection.selection();
        try (OfAuthQueue q = common.open(t, policy.policy(), policy.maxPlanAge(), Optional.empty(), Optional.empty())) {
            // Every check of the job store (a writable --job-dir, a Redis that keeps what it is given) runs before
            // the first request: opening it is the check.
            q.jobUseCases();
            List<DeletionPlan> plans = PlanCommand.plans(q, connections, sel);
            List<MassMessageId> notInQueue = PlanCommand.notInQueue(sel, plans);
            for (MassMessageId id : notInQueue) {
                t.err().println("kept out: " + id + " " + PlanCommand.notInQueueReason(sel));
            }
            return confirmAndRun(q, plans, StartDeletionJobCommand.fromPlans(plans, sel), concurrency, "", notInQueue);
        }
    }

    /** Reads, checks and runs a plan file; sends nothing before every check passed. */
    private int fromFile(Path file, Optional<Integer> concurrency) throws IOException {
        OfAuthClientOptions options = common.clientOptions(t, Optional.empty(), Optional.empty());
        PlanFile plan = PlanFile.read(file, options);
        Duration maxAge = policy.maxPlanAge();
        Duration age = plan.age(t.clock().instant());
        if (age.compareTo(maxAge) > 0 && !refresh) {
            return stale(file, age, maxAge);
        }
        DeletionPolicy filePolicy;
        try {
            filePolicy = DeletionPolicy.parse(plan.policy());
        } catch (IllegalArgumentException e) {
            throw new UsageError(file + ": its policy cannot be applied here: " + e.getMessage());
        }
        try (OfAuthQueue q = common.open(t, filePolicy, maxAge, Optional.empty(), Optional.empty())) {
            q.jobUseCases();
            String from = " (from " + file + ", made " + Durations.rounded(age) + " ago"
                    + (age.compareTo(maxAge) > 0 ? "; stale: the job lists the queue again first" : "") + ")";
            return confirmAndRun(q, plan.plans(), plan.startCommand(), concurrency, from, List.of());
        }
    }

    private int confirmAndRun(
            OfAuthQueue q,
            List<DeletionPlan> plans,
            StartDeletionJobCommand command,
            Optional<Integer> concurrency,
            String from,
            List<MassMessageId> notInQueue)
            throws IOException {
        int toDelete = 0;
        int kept = 0;
        for (DeletionPlan plan : plans) {
            toDelete += plan.toDelete().size();
            kept += plan.refused().size();
        }
        t.err()
                .println("plan: " + toDelete + " to delete, " + kept + " kept, on " + plans.size() + " connection(s)"
                        + from);
        if (toDelete == 0) {
            return nothingToDo(kept, notInQueue);
        }
        OptionalInt over = maxDelete.refuse(t, common.json, toDelete, "the plan");
        if (over.isPresent()) {
            return over.getAsInt();
        }
        if (!yes) {
            t.err().print("Delete " + toDelete + " message(s)? [y/N] ");
            t.err().flush();
            String answer = t.in().readLine();
            if (answer == null || !List.of("y", "yes").contains(answer.strip().toLowerCase(Locale.ROOT))) {
                t.err().println("Nothing was deleted.");
                return ExitCode.OK;
            }
        }
        StartDeletionJobCommand base = policy.readBeforeDelete ? command.readingBeforeDelete() : command;
        StartDeletionJobCommand job = concurrency.isPresent() ? base.withConcurrency(concurrency.get()) : base;
        JobRunner runner = new JobRunner(
                t, q, common.json, plans.stream().map(DeletionPlan::connection).toList(), notInQueue);
        return runner.run(listener -> q.jobUseCases().startDeletionJob(job.withListener(listener)));
    }

    private int stale(Path file, Duration age, Duration maxAge) {
        String message = "the plan in " + file + " was made " + Durations.rounded(age) + " ago, more than"
                + " --plan-max-age " + Durations.rounded(maxAge) + ". Nothing was sent. Plan again (ofauth-queue plan"
                + " ... --out " + file + "), or apply it with --refresh to list the queue again and keep only what is"
                + " still there and still selected.";
        t.err().println("ofauth-queue: " + message);
        return OfAuthQueueCli.failed(t, common.json, ExitCode.STALE_PLAN, message);
    }

    private int nothingToDo(int kept, List<MassMessageId> notInQueue) {
        if (common.json) {
            Map<String, Object> summary = Json.line("summary");
            summary.put("deleted", 0);
            summary.put("refused", kept);
            JobRunner.putNotInQueue(summary, notInQueue);
            summary.put("exitCode", ExitCode.OK);
            t.out().println(Json.write(summary));
        } else {
            t.out().println("Nothing to delete.");
        }
        return ExitCode.OK;
    }
}

package dev.ofauthqueue.cli;

import dev.ofauthqueue.domain.ConnectionId;
import dev.ofauthqueue.domain.DeletionPlan;
import dev.ofauthqueue.domain.Selection;
import dev.ofauthqueue.library.OfAuthQueue;
import dev.ofauthqueue.ports.in.StartDeletionJobCommand;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code delete}: plans, asks, then runs the plan as a deletion job. */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = {
            "Delete the selected messages as a deletion job: plan (as the plan command shows), ask, then send one DELETE"
                    + " per message the plan allows, within the rate budget. The job is kept in --job-dir (or on"
                    + " Redis with --redis) and survives a crash: 'jobs resume ID' continues it without deleting anything"
                    + " twice (with --redis, another process's 'jobs resume ID' joins it).",
            "Needs a selection flag or --all. Without a terminal it deletes nothing unless --yes is given."
        },
        footer = {"", ExitCode.HELP})
final class DeleteCommand implements Callable<Integer> {

    private final Terminal t;

    @Mixin
    CommonOptions common;

    @Mixin
    SelectionOptions selection;

    @Mixin
    PolicyOptions policy;

    @Mixin
    MaxDeleteOption maxDelete;

    @Option(
            names = {"--yes", "-y"},
            description = "Delete without asking.")
    boolean yes;

    DeleteCommand(Terminal t) {
        this.t = t;
    }

    @Override
    public Integer call() throws IOException {
        if (!selection.anyFlag()) {
            throw new UsageError("delete needs a selection flag (--ids, --free, --text-contains, ...) or --all");
        }
        List<ConnectionId> connections = common.connections(t);
        Selection sel = selection.selection();
        Optional<Integer> concurrency = common.jobConcurrency();
        if (!yes && !t.terminal()) {
            t.err()
                    .println("ofauth-queue: refusing to delete without --yes: standard input is not a terminal, so"
                            + " nobody can confirm. Nothing was sent.");
            return ExitCode.USAGE;
        }
        try (OfAuthQueue q = common.open(t, policy.policy(), policy.maxPlanAge(), Optional.empty(), Optional.empty())) {
            // Every check of the job store (a writable --job-dir, a Redis that keeps what it is given) runs before
            // the first request: opening it is the check.
            q.jobs();
            List<DeletionPlan> plans = PlanCommand.plans(q, connections, sel);
            int toDelete = 0;
            int kept = 0;
            for (DeletionPlan plan : plans) {
                toDelete += plan.toDelete().size();
                kept += plan.refused().size();
            }
            t.err()
                    .println("plan: " + toDelete + " to delete, " + kept + " kept, on " + connections.size()
                            + " connection(s)");
            if (toDelete == 0) {
                return nothingToDo(kept);
            }
            OptionalInt over = maxDelete.refuse(t, common.json, toDelete, "the plan");
            if (over.isPresent()) {
                return over.getAsInt();
            }
            if (!yes) {
                t.err().print("Delete " + toDelete + " message(s)? [y/N] ");
                t.err().flush();
                String answer = t.in().readLine();
                if (answer == null
                        || !List.of("y", "yes").contains(answer.strip().toLowerCase(Locale.ROOT))) {
                    t.err().println("Nothing was deleted.");
                    return ExitCode.OK;
                }
            }
            // The job starts from the plan just shown, listing nothing again: it holds exactly the plan's messages.
            StartDeletionJobCommand base = StartDeletionJobCommand.fromPlans(plans, sel);
            if (policy.readBeforeDelete) {
                base = base.readingBeforeDelete();
            }
            if (concurrency.isPresent()) {
                base = base.withConcurrency(concurrency.get());
            }
            StartDeletionJobCommand command = base;
            JobRunner runner = new JobRunner(t, q, common.json, connections);
            return runner.run(listener -> q.jobs().startDeletionJob(command.withListener(listener)));
        }
    }

    private int nothingToDo(int kept) {
        if (common.json) {
            Map<String, Object> summary = Json.line("summary");
            summary.put("deleted", 0);
            summary.put("refused", kept);
            summary.put("exitCode", ExitCode.OK);
            t.out().println(Json.write(summary));
        } else {
            t.out().println("Nothing to delete.");
        }
        return ExitCode.OK;
    }
}

package dev.ofauthqueue.cli;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionPlan;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.OfAuthQueue;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.library.PlanFile;
import dev.ofauthqueue.ports.in.PlanDeletionCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code plan}: the dry run. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = "The dry run: what delete would delete and what it would keep, each kept message with its reason"
                + " and rule. Nothing is deleted.",
        footer = {"", ExitCode.HELP})
final class PlanCommand implements Callable<Integer> {

    private final Terminal t;

    @Mixin
    QueueOptions queue;

    private CommonOptions common;

    @Mixin
    SelectionOptions selection;

    @Mixin
    PolicyOptions policy;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Also write the plan to FILE for review (readable by you only, connections sealed under the"
                    + " API key, the whole file digested), then delete exactly it with: delete --plan FILE")
    @Nullable
    Path out;

    PlanCommand(Terminal t) {
        this.t = t;
    }

    /** The plans of every connection, in command-line order. */
    static List<DeletionPlan> plans(OfAuthQueue q, List<ConnectionId> connections, Selection sel) {
        List<DeletionPlan> plans = new ArrayList<>();
        for (ConnectionId c : connections) {
            plans.add(q.queueUseCases()
                    .planDeletion(new PlanDeletionCommand(c, sel.toSelector()))
                    .toCompletableFuture()
                    .join());
        }
        return plans;
    }

    /**
     * The ids {@code --ids} named that no plan holds: not in any connection's scheduled queue (or, with other
     * selection flags, not matching them), in order.
     */
    static List<MassMessageId> notInQueue(Selection sel, List<DeletionPlan> plans) {
        Set<MassMessageId> planned = new HashSet<>();
        for (DeletionPlan plan : plans) {
            plan.toDelete().forEach(m -> planned.add(m.id()));
            plan.refused().forEach(r -> planned.add(r.message().id()));
        }
        return new TreeSet<>(sel.ids())
                .stream().filter(id -> !planned.contains(id)).toList();
    }

    /** Why an id named by {@code --ids} is in no plan. */
    static String notInQueueReason(Selection sel) {
        boolean idsOnly = sel.equals(Selection.all().onlyIds(sel.ids()));
        return idsOnly
                ? "not in the scheduled queue"
                : "not in the scheduled queue, or not matching the other selection flags";
    }

    @Override
    public Integer call() {
        common = CommonOptions.forQueue(queue);
        List<ConnectionId> connections = common.connections(t);
        Selection sel = selection.selection();
        int toDelete = 0;
        int kept = 0;
        if (out != null) {
            // Checked before the queue is listed: a plan that cannot be written is a usage error, nothing sent.
            Path dir = out.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir) || Files.isDirectory(out)) {
                throw new UsageError("--out: " + out + " cannot be written: "
                        + (Files.isDirectory(out) ? "it is a directory" : "its directory does not exist"));
            }
        }
        try (OfAuthQueue q = common.open(t, policy.policy(), policy.maxPlanAge(), Optional.empty(), Optional.empty())) {
            List<DeletionPlan> plans = plans(q, connections, sel);
            if (out != null) {
                PlanFile.of(plans, sel, policy.policy().describe(), q.client().options())
                        .write(out, q.client().options().apiKey());
            }
            for (int i = 0; i < plans.size(); i++) {
                DeletionPlan plan = plans.get(i);
                toDelete += plan.toDelete().size();
                kept += plan.refused().size();
                print(plan, i);
            }
            List<MassMessageId> unknown = notInQueue(sel, plans);
            kept += unknown.size();
            for (MassMessageId id : unknown) {
                if (common.json) {
                    Map<String, Object> line = Json.line("plan-item");
                    line.put("id", id.value());
                    line.put("decision", "keep");
                    line.put("reason", "NOT_IN_QUEUE");
                    line.put("detail", notInQueueReason(sel));
                    t.out().println(Json.write(line));
                } else {
                    t.out().println("  KEEP   " + id + " NOT_IN_QUEUE: " + notInQueueReason(sel));
                }
            }
        }
        if (common.json) {
            Map<String, Object> summary = Json.line("summary");
            summary.put("toDelete", toDelete);
            summary.put("kept", kept);
            if (out != null) {
                summary.put("file", out.toString());
            }
            summary.put("exitCode", ExitCode.OK);
            t.out().println(Json.write(summary));
        } else {
            t.out()
                    .println(toDelete + " to delete, " + kept + " kept. Nothing was deleted: "
                            + (out == null
                                    ? "run delete with the same flags to delete."
                                    : "the plan is in " + out + "; delete exactly it with: ofauth-queue delete --plan "
                                            + out));
        }
        return ExitCode.OK;
    }

    private void print(DeletionPlan plan, int index) {
        ConnectionId c = plan.connection();
        if (!common.json) {
            t.out()
                    .println(
                            Render.connection(c, index) + ": " + plan.toDelete().size() + " to delete, "
                                    + plan.refused().size() + " kept");
        }
        for (ScheduledMassMessage m : plan.toDelete()) {
            if (common.json) {
                Map<String, Object> line = Json.line("plan-item");
                line.put("connection", c.toString());
                line.put("connectionIndex", index);
                line.put("id", m.id().value());
                line.put("decision", "delete");
                t.out().println(Json.write(line));
            } else {
                t.out().println("  DELETE " + Render.row(m, plan.plannedAt(), selection.zone));
            }
        }
        for (DeletionPlan.RefusedItem r : plan.refused()) {
            if (common.json) {
                Map<String, Object> line = Json.line("plan-item");
                line.put("connection", c.toString());
                line.put("connectionIndex", index);
                line.put("id", r.message().id().value());
                line.put("decision", "keep");
                line.put("reason", r.decision().reason().name());
                line.put("rule", r.decision().rule());
                line.put("detail", r.decision().detail());
                t.out().println(Json.write(line));
            } else {
                t.out()
                        .println("  KEEP   " + r.message().id() + " "
                                + r.decision().reason() + " (" + r.decision().rule() + "): "
                                + TerminalText.line(r.decision().detail()));
            }
        }
    }
}

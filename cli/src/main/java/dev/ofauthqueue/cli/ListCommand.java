package dev.ofauthqueue.cli;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.OfAuthQueue;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.ScheduledQueue;
import dev.ofauthqueue.Selection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code list}: a connection's scheduled queue as a table, or JSON lines. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "Show the scheduled queue: id, state, send time (local zone and UTC), price, media, text.",
        footer = {"", ExitCode.HELP})
final class ListCommand implements Callable<Integer> {

    private final Terminal t;

    @Mixin
    QueueOptions queue;

    private CommonOptions common;

    @Mixin
    SelectionOptions selection;

    ListCommand(Terminal t) {
        this.t = t;
    }

    @Override
    public Integer call() {
        common = CommonOptions.forQueue(queue);
        List<ConnectionId> connections = common.connections(t);
        Selection sel = selection.selection();
        int shown = 0;
        try (OfAuthQueue q =
                common.open(t, DeletionPolicy.standard(), Duration.ofMinutes(5), Optional.empty(), Optional.empty())) {
            for (int i = 0; i < connections.size(); i++) {
                ConnectionId c = connections.get(i);
                ScheduledQueue queue = q.queueUseCases()
                        .listScheduledQueue(c)
                        .toCompletableFuture()
                        .join();
                Instant now = t.clock().instant();
                List<ScheduledMassMessage> rows = queue.messages().stream()
                        .filter(m -> sel.matches(m, now))
                        .toList();
                shown += rows.size();
                if (common.json) {
                    for (ScheduledMassMessage m : rows) {
                        Map<String, Object> line = Json.line("message");
                        line.put("connection", c.toString());
                        line.put("connectionIndex", i);
                        line.putAll(Render.messageFields(m, now));
                        t.out().println(Json.write(line));
                    }
                } else {
                    t.out().println(Render.connection(c, i) + ": " + rows.size() + " of " + queue.size() + " messages");
                    if (!rows.isEmpty()) {
                        t.out().println(Render.header(selection.zone));
                        rows.forEach(m -> t.out().println(Render.row(m, now, selection.zone)));
                    }
                }
            }
        }
        if (common.json) {
            Map<String, Object> summary = Json.line("summary");
            summary.put("messages", shown);
            summary.put("exitCode", ExitCode.OK);
            t.out().println(Json.write(summary));
        }
        return ExitCode.OK;
    }
}

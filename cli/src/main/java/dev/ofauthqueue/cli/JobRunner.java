package dev.ofauthqueue.cli;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobEvent;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobListener;
import dev.ofauthqueue.DeletionJobStatus;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.OfAuthQueue;
import dev.ofauthqueue.domain.DeletionJobState;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Runs one deletion job (a new one or a resumed one) in the foreground: a {@code job} line first, then one line per
 * message (or a progress bar on a terminal), then a summary and the exit code. The first Ctrl-C cancels the job after
 * the deletions in flight, the second exits at once; either way the job stays resumable.
 */
final class JobRunner {

    private final Terminal t;
    private final OfAuthQueue q;
    private final boolean json;
    private final List<ConnectionId> connections;
    private final List<MassMessageId> notInQueue;
    private final Set<Integer> codes = ConcurrentHashMap.newKeySet();
    private volatile DeletionJobId id;
    private volatile boolean interrupted;

    JobRunner(Terminal t, OfAuthQueue q, boolean json, List<ConnectionId> connections) {
        this(t, q, json, connections, List.of());
    }

    /**
     * A runner whose {@code --json} summary also names {@code notInQueue}: the ids {@code --ids} named that no queue
     * holds, kept out of the job.
     */
    JobRunner(Terminal t, OfAuthQueue q, boolean json, List<ConnectionId> connections, List<MassMessageId> notInQueue) {
        this.t = t;
        this.q = q;
        this.json = json;
        this.connections = new ArrayList<>(connections);
        this.notInQueue = List.copyOf(notInQueue);
    }

    /** The ids as a {@code --json} field: {@code notInQueue}, when there are some. */
    static void putNotInQueue(Map<String, Object> line, List<MassMessageId> ids) {
        if (!ids.isEmpty()) {
            line.put("notInQueue", ids.stream().map(MassMessageId::value).toList());
        }
    }

    private boolean progressBar() {
        return t.terminal() && !json;
    }

    DeletionJobListener listener() {
        return new DeletionJobListener() {
            @Override
            public void onJobStored(DeletionJobId job, int items) {
                id = job;
                if (json) {
                    Map<String, Object> line = Json.line("job");
                    line.put("id", job.value());
                    line.put("items", items);
                    line.put("connections", connections.size());
                    t.out().println(Json.write(line));
                } else {
                    t.err()
                            .println("job " + job + ": " + items
                                    + " messages. If it stops, resume it with: ofauth-queue" + " jobs resume " + job);
                }
            }

            @Override
            public void onItem(DeletionJobEvent e) {
                DeletionOutcome o = e.outcome();
                if (o instanceof DeletionOutcome.Failed f) {
                    codes.add(ExitCode.of(f.cause()));
                } else if (o instanceof DeletionOutcome.Unconfirmed) {
                    codes.add(ExitCode.SOME_FAILED);
                }
                if (json) {
                    t.out().println(Json.write(itemLine(e)));
                } else if (!progressBar()) {
                    t.out().println(plainLine(e));
                }
            }

            @Override
            public void onBudgetGranted(DeletionJobId job, ConnectionId connection, Duration waited) {
                t.figures().budgetGranted(waited);
            }

            @Override
            public void onConnectionStopped(DeletionJobId job, ConnectionId connection, String reason) {
                codes.add(ExitCode.REFUSED_ACCESS);
                t.err()
                        .println("ofauth-queue: " + Render.connection(connection, index(connection)) + " stopped: "
                                + TerminalText.line(reason)
                                + ". Its messages wait; fix it, then: ofauth-queue jobs resume " + job);
            }
        };
    }

    private int index(ConnectionId c) {
        int i = connections.indexOf(c);
        if (i < 0) {
            connections.add(c);
            i = connections.size() - 1;
        }
        return i;
    }

    private Map<String, Object> itemLine(DeletionJobEvent e) {
        DeletionOutcome o = e.outcome();
        Map<String, Object> line = Json.line("item");
        line.put("id", o.id().value());
        line.put("connection", e.connection().toString());
        line.put("connectionIndex", index(e.connection()));
        line.put("outcome", o.kind().name());
        if (o instanceof DeletionOutcome.Refused r) {
            line.put("reason", r.decision().reason().name());
            line.put("rule", r.decision().rule());
            line.put("detail", r.decision().detail());
        } else if (o instanceof DeletionOutcome.Failed f) {
            line.put("detail", f.describe());
        } else if (o instanceof DeletionOutcome.Unconfirmed u) {
            line.put("detail", String.valueOf(u.cause().getMessage()));
        }
        return line;
    }

    private String plainLine(DeletionJobEvent e) {
        DeletionOutcome o = e.outcome();
        String head = String.format(Locale.ROOT, "[%d/%d] %-12s %s", e.done(), e.total(), o.kind(), o.id());
        if (o instanceof DeletionOutcome.Refused r) {
            return head + " " + r.decision().reason() + " (" + r.decision().rule() + "): "
                    + TerminalText.line(r.decision().detail());
        }
        if (o instanceof DeletionOutcome.Failed f) {
            return head + " " + TerminalText.line(f.describe());
        }
        if (o instanceof DeletionOutcome.Unconfirmed u) {
            return head + " may have been deleted; resuming the job settles it: "
                    + TerminalText.line(String.valueOf(u.cause().getMessage()));
        }
        return head;
    }

    /** Runs the job {@code start} starts (given this runner's listener) to its end; answers the exit code. */
    int run(Function<DeletionJobListener, CompletionStage<DeletionJobId>> start) {
        Interrupts.onFirstInterrupt(() -> {
            interrupted = true;
            t.err()
                    .println("ofauth-queue: stopping after the deletions in flight (Ctrl-C again quits at once; the job"
                            + " stays resumable)");
            DeletionJobId job = id;
            if (job != null) {
                q.jobUseCases().cancelDeletionJob(job);
            }
        });
        DeletionJobId job = start.apply(listener()).toCompletableFuture().join();
        id = job;
        if (interrupted) {
            q.jobUseCases().cancelDeletionJob(job);
        }
        CompletableFuture<DeletionJobStatus> end =
                q.jobUseCases().awaitDeletionJob(job).toCompletableFuture();
        DeletionJobStatus done = progressBar() ? withProgressBar(job, end) : join(end);
        if (!done.stopped().isEmpty()) {
            codes.add(ExitCode.REFUSED_ACCESS);
        }
        if (done.count(JobItemState.FAILED) + done.count(JobItemState.UNCONFIRMED) > 0) {
            codes.add(ExitCode.SOME_FAILED);
        }
        if (interrupted) {
            codes.add(ExitCode.INTERRUPTED);
        } else if (done.state() == DeletionJobState.CANCELED) {
            codes.add(ExitCode.CANCELED);
        }
        int code = ExitCode.worst(codes);
        summary(done, code);
        if (interrupted) {
            t.err().println("ofauth-queue: interrupted. Resume with: ofauth-queue jobs resume " + job);
        } else if (code == ExitCode.CANCELED) {
            t.err()
                    .println("ofauth-queue: job " + job + " was canceled from elsewhere. Resume with: ofauth-queue"
                            + " jobs resume " + job);
        }
        return code;
    }

    private DeletionJobStatus withProgressBar(DeletionJobId job, CompletableFuture<DeletionJobStatus> end) {
        PrintStream stderr = System.err;
        try (ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("job " + job)
                .setStyle(ProgressBarStyle.ASCII)
                .setInitialMax(1)
                .setConsumer(new ConsoleProgressBarConsumer(stderr))
                .setUpdateIntervalMillis(250)
                .hideEta()
                .build()) {
            while (true) {
                try {
                    DeletionJobStatus done = end.get(250, TimeUnit.MILLISECONDS);
                    update(bar, done);
                    return done;
                } catch (TimeoutException tick) {
                    update(bar, join(q.jobUseCases().deletionJobStatus(job).toCompletableFuture()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return join(end);
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
                }
            }
        }
    }

    /** done/total, outcomes so far, and the time left from the rate budget. */
    static void update(ProgressBar bar, DeletionJobStatus s) {
        bar.maxHint(Math.max(1, s.total()));
        bar.stepTo(s.settled() + s.count(JobItemState.FAILED) + s.count(JobItemState.UNCONFIRMED));
        bar.setExtraMessage(progressMessage(s));
    }

    static String progressMessage(DeletionJobStatus s) {
        Duration left = s.estimatedTimeLeft();
        return s.count(JobItemState.DELETED) + " deleted, " + s.count(JobItemState.REFUSED) + " kept, "
                + (s.count(JobItemState.FAILED) + s.count(JobItemState.UNCONFIRMED)) + " failed"
                + (left.isZero() ? "" : ", ~" + left.toSeconds() + " s left");
    }

    private void summary(DeletionJobStatus s, int code) {
        if (json) {
            Map<String, Object> line = Json.line("summary");
            line.put("job", s.id().value());
            line.put("state", Render.state(s));
            for (JobItemState state : JobItemState.values()) {
                line.put(camel(state), s.count(state));
            }
            line.put("requests", t.figures().json(s.total()));
            putNotInQueue(line, notInQueue);
            line.put("exitCode", code);
            t.out().println(Json.write(line));
        } else {
            t.out()
                    .println("job " + s.id() + " " + Render.state(s) + ": " + s.count(JobItemState.DELETED)
                            + " deleted, "
                            + s.count(JobItemState.ALREADY_GONE) + " already gone, " + s.count(JobItemState.REFUSED)
                            + " kept, " + s.count(JobItemState.FAILED) + " failed, " + s.count(JobItemState.UNCONFIRMED)
                            + " unconfirmed, " + (s.count(JobItemState.PENDING) + s.count(JobItemState.IN_FLIGHT))
                            + " pending");
            t.out().println(t.figures().describe(s.total()));
        }
    }

    static String camel(JobItemState state) {
        return camel(state.name());
    }

    /** {@code ALREADY_GONE} as {@code alreadyGone}: the JSON lines' field names. */
    static String camel(String constant) {
        String[] words = constant.toLowerCase(Locale.ROOT).split("_", -1);
        StringBuilder out = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            out.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return out.toString();
    }

    private static DeletionJobStatus join(CompletableFuture<DeletionJobStatus> f) {
        return f.join();
    }
}

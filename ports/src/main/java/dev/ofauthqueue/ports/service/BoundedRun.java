package dev.ofauthqueue.ports.service;

import dev.ofauthqueue.ports.in.DeletionOutcome;
import dev.ofauthqueue.ports.in.DeletionProgressListener;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks with at most {@code concurrency} in flight and collects every outcome in task order.
 * Each task must complete its stage normally (the service's deletions never fail their stage).
 *
 * <p>Workers loop while tasks complete synchronously, so an in-memory port with thousands of items does not grow
 * the stack.
 */
final class BoundedRun {

    private final List<Supplier<CompletionStage<DeletionOutcome>>> tasks;
    private final int concurrency;
    private final DeletionProgressListener listener;
    private final DeletionOutcome[] outcomes;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final CompletableFuture<List<DeletionOutcome>> result = new CompletableFuture<>();

    BoundedRun(
            List<Supplier<CompletionStage<DeletionOutcome>>> tasks,
            int concurrency,
            DeletionProgressListener listener) {
        this.tasks = List.copyOf(tasks);
        this.concurrency = concurrency;
        this.listener = listener;
        this.outcomes = new DeletionOutcome[tasks.size()];
    }

    CompletableFuture<List<DeletionOutcome>> start() {
        if (tasks.isEmpty()) {
            result.complete(List.of());
            return result;
        }
        for (int i = 0; i < Math.min(concurrency, tasks.size()); i++) {
            work();
        }
        return result;
    }

    private void work() {
        while (true) {
            int index = next.getAndIncrement();
            if (index >= tasks.size()) {
                return;
            }
            CompletableFuture<DeletionOutcome> stage = tasks.get(index).get().toCompletableFuture();
            if (stage.isDone()) {
                record(index, stage.join());
                continue;
            }
            // The stage never fails (see the class comment); its continuation is all that matters here.
            CompletableFuture<DeletionOutcome> unused = stage.whenComplete((outcome, failure) -> {
                record(index, outcome);
                work();
            });
            return;
        }
    }

    private void record(int index, DeletionOutcome outcome) {
        outcomes[index] = outcome;
        int done = finished.incrementAndGet();
        try {
            listener.onOutcome(outcome, done, tasks.size());
        } catch (RuntimeException ignored) {
            // A listener's bug must not lose the run's results (documented on DeletionProgressListener).
        }
        if (done == tasks.size()) {
            // Every slot was written before its finished-count increment, which this thread has observed.
            result.complete(Arrays.asList(outcomes.clone()));
        }
    }
}

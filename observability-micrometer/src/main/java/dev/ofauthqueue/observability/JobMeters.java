package dev.ofauthqueue.observability;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobEvent;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobListener;
import dev.ofauthqueue.DeletionJobStatus;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.observability.OfAuthQueueObservation.JobItemKey;
import dev.ofauthqueue.observability.OfAuthQueueObservation.JobKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A job's budget waits, 429s, listings and status as meters ({@link OfAuthQueueMeter}); its items and stopped
 * connections go to {@code items}, the observing listener. The gauges of a job read the last status heard and are
 * removed when its run ends.
 */
final class JobMeters implements DeletionJobListener {

    /** The gauges of one running job, over the last status heard. */
    private static final class Running {
        volatile DeletionJobStatus last;
        final List<Meter> gauges = new ArrayList<>();

        Running(DeletionJobStatus first) {
            this.last = first;
        }
    }

    private final DeletionJobListener items;
    private final MeterRegistry meters;
    private final Timer budgetWait;
    private final Counter rateLimited;
    private final Timer retryAfter;
    private final Counter listPages;
    private final Counter takeovers;
    private final Counter deadLetters;
    private final Map<DeletionJobId, Running> running = new ConcurrentHashMap<>();

    JobMeters(DeletionJobListener items, MeterRegistry meters) {
        this.items = items;
        this.meters = meters;
        this.budgetWait = Timer.builder(OfAuthQueueMeter.JOB_BUDGET_WAIT.getName())
                .description("How long a job's connections waited for a token of their rate budget, per token")
                .register(meters);
        this.rateLimited = counter(OfAuthQueueMeter.JOB_RATE_LIMITED, "429 answers to a job's requests");
        this.retryAfter = Timer.builder(OfAuthQueueMeter.JOB_RETRY_AFTER.getName())
                .description("How long OFAuth asked to wait in a 429, when it said")
                .register(meters);
        this.listPages = counter(OfAuthQueueMeter.JOB_LIST_PAGES, "Pages a job read to list a connection again");
        this.takeovers = counter(
                OfAuthQueueMeter.JOB_LEASE_TAKEOVERS,
                "Items of a shared job taken over from a process that stopped renewing its lease");
        this.deadLetters = counter(
                OfAuthQueueMeter.JOB_DEAD_LETTERS,
                "Items of a shared job set aside as dead letters, handed out too often without an outcome");
    }

    /** A counter as its documentation names it, with its unit when it has one. */
    private Counter counter(OfAuthQueueMeter meter, String description) {
        return Counter.builder(meter.getName())
                .description(description)
                .baseUnit(meter.getBaseUnit())
                .register(meters);
    }

    @Override
    public void onJobStored(DeletionJobId job, int count) {
        items.onJobStored(job, count);
    }

    @Override
    public void onItem(DeletionJobEvent event) {
        items.onItem(event);
    }

    @Override
    public void onConnectionStopped(DeletionJobId job, ConnectionId connection, String reason) {
        items.onConnectionStopped(job, connection, reason);
    }

    @Override
    public void onBudgetGranted(DeletionJobId job, ConnectionId connection, Duration waited) {
        budgetWait.record(waited);
    }

    @Override
    public void onRateLimited(DeletionJobId job, ConnectionId connection, Optional<Duration> wait) {
        rateLimited.increment();
        wait.ifPresent(retryAfter::record);
    }

    @Override
    public void onListed(DeletionJobId job, ConnectionId connection, int pages) {
        listPages.increment(pages);
    }

    @Override
    public void onLeaseTakenOver(DeletionJobId job, ConnectionId connection) {
        takeovers.increment();
    }

    @Override
    public void onDeadLettered(DeletionJobId job, ConnectionId connection, int count) {
        deadLetters.increment(count);
    }

    @Override
    public void onStatus(DeletionJobStatus status) {
        if (status.state() != DeletionJobState.RUNNING) {
            Running ended = running.remove(status.id());
            if (ended != null) {
                ended.gauges.forEach(meters::remove);
            }
            return;
        }
        Running job = running.computeIfAbsent(status.id(), id -> register(status));
        job.last = status;
    }

    private Running register(DeletionJobStatus first) {
        Running job = new Running(first);
        String id = first.id().toString();
        for (JobItemState state : JobItemState.values()) {
            job.gauges.add(Gauge.builder(OfAuthQueueMeter.JOB_ITEMS.getName(), job, j -> j.last.count(state))
                    .description("A running job's items in each state")
                    .baseUnit(OfAuthQueueMeter.JOB_ITEMS.getBaseUnit())
                    .tag(JobKey.JOB.asString(), id)
                    .tag(JobItemKey.STATE.asString(), state.name())
                    .register(meters));
        }
        job.gauges.add(TimeGauge.builder(
                        OfAuthQueueMeter.JOB_TIME_LEFT.getName(),
                        job,
                        TimeUnit.MILLISECONDS,
                        j -> j.last.estimatedTimeLeft().toMillis())
                .description("A running job's estimated time left")
                .tag(JobKey.JOB.asString(), id)
                .register(meters));
        return job;
    }
}

package dev.ofauthqueue;

import java.util.Objects;

/**
 * {@link OfAuthQueue}'s capabilities with the same names and methods, each call answering a
 * {@link java.util.concurrent.CompletionStage} instead of waiting: for code on a Vert.x event loop or composing
 * futures.
 *
 * <pre>{@code
 * ofauth.async().messages()
 *         .list(ConnectionId.of("conn_demo"))
 *         .thenAccept(queue -> System.out.println(queue.size() + " messages in the queue"));
 * }</pre>
 */
public final class AsyncOfAuthQueue {

    private final AsyncMessages messages;
    private final AsyncPlans plans;
    private final AsyncJobs jobs;

    AsyncOfAuthQueue(AsyncMessages messages, AsyncPlans plans, AsyncJobs jobs) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.plans = Objects.requireNonNull(plans, "plans");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
    }

    /**
     * A connection's scheduled mass messages: list, get, delete, schedule, reschedule.
     *
     * @return the messages' calls
     */
    public AsyncMessages messages() {
        return messages;
    }

    /**
     * Dry runs and their execution: plan, execute.
     *
     * @return the plans' calls
     */
    public AsyncPlans plans() {
        return plans;
    }

    /**
     * Deletion jobs: start, resume, status, await, cancel, list, archive, restore.
     *
     * @return the jobs' calls
     */
    public AsyncJobs jobs() {
        return jobs;
    }
}

package dev.ofauthqueue;

/**
 * What observes an {@code OfAuthQueue}: a listener of every HTTP attempt and one of every deletion job. Give it to
 * {@code OfAuthQueue.Builder.observability}; the library takes its listeners from it, so that it needs no metrics
 * dependency of its own. The optional artifact {@code observability-micrometer} makes one from Micrometer's registries.
 *
 * <pre>{@code
 * try (OfAuthQueue ofauth = OfAuthQueue.builder("demo-api-key")
 *         .observability(OfAuthQueueObservations.of(observationRegistry, meterRegistry))
 *         .build()) {
 *     ofauth.messages().delete(ConnectionId.of("conn_demo"), 5003); // one http.client.request per attempt
 * }
 * }</pre>
 */
public interface Observability {

    /** Observes nothing. */
    Observability NONE = new Observability() {
        @Override
        public RequestListener requestListener(String baseUrl) {
            return RequestListener.NONE;
        }

        @Override
        public DeletionJobListener jobListener() {
            return DeletionJobListener.NONE;
        }
    };

    /**
     * The listener of every HTTP attempt to {@code baseUrl}.
     *
     * @param baseUrl the base URL the library sends to (an observer may name its host and port, never more)
     * @return the listener
     */
    RequestListener requestListener(String baseUrl);

    /**
     * The listener of every deletion job the library runs, besides each job's own.
     *
     * @return the listener
     */
    DeletionJobListener jobListener();

    /**
     * Told as a deletion the caller asked for ({@code messages().delete}) starts; what it answers hears the call's
     * outcome once (deleted, already gone, refused with its rule, failed or unconfirmed) with the number of attempts
     * its DELETE took. By default, nothing.
     *
     * @return told of the call's end
     */
    default DeletionEnd deletionStarted() {
        return DeletionEnd.NONE;
    }

    /** Hears how one deletion the caller asked for ended. */
    @FunctionalInterface
    interface DeletionEnd {

        /** Hears nothing. */
        DeletionEnd NONE = (outcome, attempts) -> {};

        /**
         * The deletion ended.
         *
         * @param outcome  how: deleted, already gone, refused with its rule, failed or unconfirmed
         * @param attempts how many attempts its DELETE took: 0 when none was sent (refused by the policy, or found
         *     gone when read), 1 without a retry, at most the retry policy's {@code maxAttempts}
         */
        void ended(DeletionOutcome outcome, int attempts);
    }
}

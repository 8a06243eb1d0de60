package dev.ofauthqueue.ports.service;

import dev.ofauthqueue.ArchivedDeletion;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ports.out.DeletionJobStore.PlannedItem;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredItem;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredJob;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.ports.sealing.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one place that seals the items of a job's plan and checks them before the job runs, so that a store changed
 * outside ofauth-queue (a hand-edited {@code message_id}, a row copied from another job, a snapshot made to pass the
 * policy) cannot make a job delete a message it did not plan.
 *
 * <p>Each item's seal is HMAC-SHA256, under a key derived from the API key (as the Redis store derives its keys), over
 * its job's creation instant (fixed before the store numbers the job, and kept exactly by every store), its position,
 * its connection, its message id and the SHA-256 of its snapshot. Every process of one API key derives the same key,
 * so any of them can resume the job; a job planned under another API key does not open.
 */
public final class JobSeal {

    /** Seals nothing and checks nothing: for an engine built without an API key (tests, in-memory use). */
    public static final JobSeal NONE = new JobSeal(null);

    private final byte @Nullable [] key;

    private JobSeal(byte @Nullable [] key) {
        this.key = key;
    }

    /**
     * The seal of one API key's jobs.
     *
     * @param apiKey the API key the jobs run under; only a key derived from it is kept
     * @return the seal
     */
    public static JobSeal derivedFrom(String apiKey) {
        if (apiKey.isEmpty()) {
            throw new IllegalArgumentException("the API key is empty: a job seal needs one");
        }
        return new JobSeal(Digests.hmacSha256(apiKey.getBytes(StandardCharsets.UTF_8), "ofauth-queue job seal v1"));
    }

    /** {@code item} as the store keeps it at {@code position} of a job created at {@code createdAt}: sealed. */
    PlannedItem seal(Instant createdAt, int position, PlannedItem item) {
        return key == null ? item : item.sealed(of(key, createdAt, position, item));
    }

    /**
     * Checks every item of {@code job} before it runs.
     *
     * @throws DeletionJobStoreException of kind {@link DeletionJobStoreException.Kind#TAMPERED} naming the first item
     *     whose seal is missing or does not match
     */
    void check(StoredJob job, String location) {
        if (key == null) {
            return;
        }
        for (StoredItem stored : job.items()) {
            PlannedItem item = stored.item();
            String expected = of(key, job.createdAt(), stored.position(), item);
            if (!MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.UTF_8),
                    item.seal().orElse("").getBytes(StandardCharsets.UTF_8))) {
                throw tampered(
                        job.id(), stored.position(), location, item.seal().isPresent());
            }
        }
    }

    /**
     * Checks archived deletions: each job they come from (loaded once, by {@code load}) is {@linkplain #check checked},
     * and each deletion must be of a message and connection its job's plan holds. Loads nothing without a key.
     *
     * @throws DeletionJobStoreException of kind {@link DeletionJobStoreException.Kind#TAMPERED} naming the first job or
     *     deletion that fails
     */
    void checkArchive(List<ArchivedDeletion> found, Function<DeletionJobId, StoredJob> load, String location) {
        if (key == null) {
            return;
        }
        Map<DeletionJobId, Set<PlannedMessage>> plans = new HashMap<>();
        for (ArchivedDeletion deleted : found) {
            Set<PlannedMessage> planned = plans.computeIfAbsent(deleted.job(), id -> {
                StoredJob job = load.apply(id);
                check(job, location);
                Set<PlannedMessage> messages = new HashSet<>();
                job.items()
                        .forEach(i -> messages.add(new PlannedMessage(
                                i.item().connection(), i.item().id())));
                return messages;
            });
            if (!planned.contains(new PlannedMessage(deleted.connection(), deleted.id()))) {
                throw new DeletionJobStoreException(
                        DeletionJobStoreException.Kind.TAMPERED,
                        "job " + deleted.job() + " in " + location + ": its archive holds message " + deleted.id()
                                + ", which its plan does not: the job store was changed outside ofauth-queue",
                        null);
            }
        }
    }

    private record PlannedMessage(ConnectionId connection, MassMessageId id) {}

    private static DeletionJobStoreException tampered(
            DeletionJobId job, int position, String location, boolean sealed) {
        String what = sealed
                ? "does not match its seal: the job store was changed outside ofauth-queue (or the job was planned"
                        + " under another API key)"
                : "has no seal: the job store was changed outside ofauth-queue (or the job was written by a version"
                        + " that did not seal its plans)";
        return new DeletionJobStoreException(
                DeletionJobStoreException.Kind.TAMPERED,
                "job " + job + " in " + location + ": item " + (position + 1) + " of its plan " + what
                        + "; the job is refused and nothing was sent. Plan a new job",
                null);
    }

    private static String of(byte[] key, Instant createdAt, int position, PlannedItem item) {
        byte[] snapshot = Digests.sha256(ArchivedMessageJson.of(item.snapshot()));
        StringBuilder fields = new StringBuilder("v1");
        for (String field : new String[] {
            createdAt.toString(),
            Integer.toString(position),
            item.connection().value(),
            Long.toString(item.id().value()),
            Base64.getEncoder().encodeToString(snapshot)
        }) {
            // Each field with its length first: no two different items write the same bytes.
            fields.append('|').append(field.length()).append(':').append(field);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Digests.hmacSha256(key, fields.toString()));
    }

    @Override
    public String toString() {
        return key == null ? "JobSeal[none]" : "JobSeal[a key derived from the API key]";
    }
}

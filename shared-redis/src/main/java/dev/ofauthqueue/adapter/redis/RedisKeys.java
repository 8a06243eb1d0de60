package dev.ofauthqueue.adapter.redis;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.ports.sealing.Digests;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The names of everything this module keeps in Redis. A connection id is a credential, so it never appears: a key
 * names a connection by HMAC-SHA256 of its id, under a secret derived from the API key, so every process of one API
 * key derives the same names and nobody reading Redis learns an id (or the API key).
 */
final class RedisKeys {

    static final String PREFIX = "ofauth-queue:";

    private final byte[] secret;
    private final String tenant;
    /** A connection's key, derived once: every request of the connection names it. */
    private final ConcurrentMap<ConnectionId, String> budgets = new ConcurrentHashMap<>();

    RedisKeys(ApiKey apiKey) {
        this.secret = Digests.hmacSha256(apiKey.value().getBytes(StandardCharsets.UTF_8), "ofauth-queue redis keys v1");
        this.tenant = hex(Digests.hmacSha256(secret, "tenant"), 12);
    }

    /** The rate budget of one connection. */
    String budget(ConnectionId connection) {
        return budgets.computeIfAbsent(connection, c -> PREFIX + "budget:" + name(c));
    }

    /** The stream of one connection's items of a deletion job; its consumer group is the job's workers. */
    String jobItems(DeletionJobId job, ConnectionId connection) {
        return job(job) + ":items:" + name(connection);
    }

    /** The stream of a deletion job's items that were delivered too often, set aside instead of handed out again. */
    String jobDeadLetters(DeletionJobId job) {
        return job(job) + ":dead";
    }

    /** What one take of a job's items handed out ({@code kind entry}), kept for a lease: {@code RedisJobQueue#take}. */
    String jobTakeReceipt(DeletionJobId job, String receipt) {
        return job(job) + ":take:" + receipt;
    }

    /** A deletion job: its settings and state, as a hash. */
    String job(DeletionJobId job) {
        return PREFIX + "job:" + tenant + ":" + job.value();
    }

    /** A deletion job's plan: each item's snapshot as JSON, by position. */
    String jobPlan(DeletionJobId job) {
        return job(job) + ":plan";
    }

    /** When each item's DELETE was about to go out, by position, until its outcome is recorded. */
    String jobIntents(DeletionJobId job) {
        return job(job) + ":intents";
    }

    /** The connections of a job stopped by an authentication or permission failure. */
    String jobStopped(DeletionJobId job) {
        return job(job) + ":stopped";
    }

    /** The re-creations of a job's deleted messages, a field per message (named by its connection's HMAC and id). */
    String jobRestores(DeletionJobId job) {
        return job(job) + ":restores";
    }

    /** What each run of a job added up to, as JSON, oldest first (the newest {@code MAX_RUNS} kept). */
    String jobRuns(DeletionJobId job) {
        return job(job) + ":runs";
    }

    /** The processes running a job now, scored by when their membership lapses (ms). */
    String jobMembers(DeletionJobId job) {
        return job(job) + ":members";
    }

    /** Every job of this API key, scored by when it was created (ms). */
    String jobs() {
        return PREFIX + "jobs:" + tenant;
    }

    /** The counter that numbers this API key's jobs. */
    String jobCounter() {
        return PREFIX + "jobs:" + tenant + ":last";
    }

    /** How keys and fields name a connection: the HMAC of its id, never the id. */
    String connectionName(ConnectionId connection) {
        return name(connection);
    }

    /** A deletion job's outcomes, by item position. */
    String jobOutcomes(DeletionJobId job) {
        return job(job) + ":outcomes";
    }

    /** What a deletion job kept of each message it deleted, by item position. */
    String jobArchive(DeletionJobId job) {
        return job(job) + ":archive";
    }

    /** Every archived deletion of this API key, as {@code job:position} scored by when it was deleted (ms). */
    String archiveIndex() {
        return PREFIX + "archive:" + tenant;
    }

    /** A 32-byte secret for {@code purpose}, derived from the API key: the same in every process of the key. */
    byte[] derive(String purpose) {
        return Digests.hmacSha256(secret, "derived:" + purpose);
    }

    /** The processes of this API key seen lately, as a sorted set scored by when they were last seen. */
    String workers() {
        return PREFIX + "workers:" + tenant;
    }

    /** How keys name a connection: the HMAC of its id, never the id. */
    private String name(ConnectionId connection) {
        return hex(Digests.hmacSha256(secret, "connection:" + connection.value()), 20);
    }

    private static String hex(byte[] bytes, int length) {
        return HexFormat.of().formatHex(bytes, 0, length);
    }
}

package dev.ofauthqueue.fake;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything a test may do to a running fake besides calling OFAuth's routes: move its clock, reset it, inject faults,
 * read its request journal, reload its recordings and look at a connection's queue. One interface, three faces: the
 * admin routes under {@code /__admin} serve it, a {@link FakeOfAuthServer} started in-process implements it, and
 * {@link dev.ofauthqueue.fake.client.FakeAdminClient} implements it over HTTP for a fake in another process.
 */
public interface FakeAdmin {

    /**
     * The fake's current instant.
     *
     * @return now, as the fake sees it
     */
    Instant now();

    /**
     * Sets the fake's clock; it keeps running from there.
     *
     * @param instant the new now, inside {@link FakeClock#EARLIEST} .. {@link FakeClock#LATEST}
     * @return the new now
     * @throws IllegalArgumentException when the instant is outside that window; the clock does not move
     */
    Instant setClock(Instant instant);

    /**
     * Moves the fake's clock.
     *
     * @param by how far, negative to go back
     * @return the new now
     * @throws IllegalArgumentException when the result would leave the clock's window; the clock does not move
     */
    Instant advanceClock(Duration by);

    /**
     * Back to the recordings: deletions undone, buckets full, faults cleared, journal emptied, and the clock where it
     * would start now (the machine's time for a fake that follows it, its fixed or recorded start otherwise).
     */
    void reset();

    /**
     * Adds a fault; it fires on the requests it matches, in the order faults were added.
     *
     * @param fault what to match and what to do
     * @return its id, for {@link #removeFault(String)}
     */
    String addFault(Fault fault);

    /**
     * The faults in force.
     *
     * @return each with its id and, for a counted fault, how many times it will still fire
     */
    List<Faults.ActiveFault> activeFaults();

    /**
     * Removes one fault.
     *
     * @param id as {@link #addFault(Fault)} answered
     * @return whether it was there
     */
    boolean removeFault(String id);

    /** Removes every fault. */
    void clearFaults();

    /**
     * The journal's entries that match.
     *
     * @param query which; {@link Journal#query()} for all
     * @return oldest first
     */
    List<Journal.Entry> requests(Journal.Query query);

    /**
     * How many requests the journal dropped to make room since it was last cleared.
     *
     * @return zero when {@link #requests} sees every request of the run
     */
    long requestsDropped();

    /** Empties the journal. */
    void clearRequests();

    /**
     * Reads the recordings directory again and swaps the set in at once, or keeps the current set.
     *
     * @throws InvalidRecordingsException naming the file and field at fault; nothing changes
     */
    void reloadRecordings();

    /**
     * Every item of one connection's queue with its state now, deleted ones included.
     *
     * @param connectionId a connection of the recordings
     * @return the snapshot, or empty when the recordings define no such connection
     */
    Optional<QueueSnapshot> queueSnapshot(String connectionId);
}

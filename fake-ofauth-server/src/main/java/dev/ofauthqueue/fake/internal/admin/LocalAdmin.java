package dev.ofauthqueue.fake.internal.admin;

import dev.ofauthqueue.fake.FakeAdmin;
import dev.ofauthqueue.fake.FakeClock;
import dev.ofauthqueue.fake.Fault;
import dev.ofauthqueue.fake.Faults;
import dev.ofauthqueue.fake.Journal;
import dev.ofauthqueue.fake.QueueSnapshot;
import dev.ofauthqueue.fake.internal.fault.FaultRegistry;
import dev.ofauthqueue.fake.internal.journal.FakeMetrics;
import dev.ofauthqueue.fake.internal.journal.RequestJournal;
import dev.ofauthqueue.fake.internal.recording.Recordings;
import dev.ofauthqueue.fake.internal.store.FakeStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one {@link FakeAdmin} of a running fake, over its store, clock, faults and journal: what the admin routes serve
 * and what {@link dev.ofauthqueue.fake.FakeOfAuthServer} exposes in-process.
 */
public final class LocalAdmin implements FakeAdmin {

    private final FakeStore store;
    private final FakeClock clock;
    private final FaultRegistry faults;
    private final RequestJournal journal;
    private final FakeMetrics metrics;
    private final Supplier<Recordings> recordings;
    private final Function<Recordings, Instant> startOf;

    /**
     * The admin of one fake.
     *
     * @param store      its state
     * @param clock      its clock
     * @param faults     its faults
     * @param journal    its journal
     * @param recordings reads the recordings again (from the directory the fake was started with)
     * @param startOf    where the clock starts for a set of recordings
     */
    public LocalAdmin(
            FakeStore store,
            FakeClock clock,
            FaultRegistry faults,
            RequestJournal journal,
            FakeMetrics metrics,
            Supplier<Recordings> recordings,
            Function<Recordings, Instant> startOf) {
        this.store = store;
        this.clock = clock;
        this.faults = faults;
        this.journal = journal;
        this.metrics = metrics;
        this.recordings = recordings;
        this.startOf = startOf;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Instant setClock(Instant instant) {
        clock.set(instant);
        return clock.instant();
    }

    @Override
    public Instant advanceClock(Duration by) {
        clock.advance(by);
        return clock.instant();
    }

    @Override
    public void reset() {
        store.reset(startOf);
        faults.clear();
        journal.clear();
        metrics.reset();
    }

    @Override
    public String addFault(Fault fault) {
        return faults.add(fault);
    }

    @Override
    public List<Faults.ActiveFault> activeFaults() {
        return faults.list();
    }

    @Override
    public boolean removeFault(String id) {
        return faults.remove(id);
    }

    @Override
    public void clearFaults() {
        faults.clear();
    }

    @Override
    public List<Journal.Entry> requests(Journal.Query query) {
        return journal.find(query);
    }

    @Override
    public long requestsDropped() {
        return journal.dropped();
    }

    @Override
    public void clearRequests() {
        journal.clear();
    }

    @Override
    public void reloadRecordings() {
        Recordings fresh = recordings.get();
        fresh.readAll(); // all or nothing: a broken queue file keeps the current set, however large the new one
        store.load(fresh, startOf.apply(fresh));
        journal.knownConnections(fresh.connections().keySet());
    }

    @Override
    public Optional<QueueSnapshot> queueSnapshot(String connectionId) {
        return store.snapshot(connectionId);
    }
}

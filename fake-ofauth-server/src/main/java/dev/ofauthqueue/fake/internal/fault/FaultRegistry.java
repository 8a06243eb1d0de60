package dev.ofauthqueue.fake.internal.fault;

import dev.ofauthqueue.fake.Fault;
import dev.ofauthqueue.fake.Faults;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/** The fake's {@link Faults}: kept in the order added, fired by {@link FaultHandler}. Thread-safe. */
public final class FaultRegistry implements Faults {

    /** A fault that fired on a request. */
    record Fired(String id, Trigger trigger) {}

    private final Map<String, Trigger> active = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public synchronized String add(Fault fault) {
        String id = "fault-" + ids.incrementAndGet();
        active.put(id, new Trigger(fault));
        return id;
    }

    @Override
    public synchronized boolean remove(String id) {
        return active.remove(id) != null;
    }

    @Override
    public synchronized void clear() {
        active.clear();
    }

    @Override
    public synchronized int size() {
        return active.size();
    }

    @Override
    public synchronized List<ActiveFault> list() {
        List<ActiveFault> out = new ArrayList<>();
        active.forEach((id, t) -> out.add(new ActiveFault(
                id, t.fault(), t.fault().times() > 0 ? OptionalInt.of(t.left()) : OptionalInt.empty())));
        return out;
    }

    /** The fault that fires on this request, if any; a fault whose count is used up is dropped. */
    synchronized Optional<Fired> fire(String method, String path, String connection) {
        for (Iterator<Map.Entry<String, Trigger>> it = active.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Trigger> e = it.next();
            if (e.getValue().fault().matches(method, path, connection)
                    && e.getValue().fire()) {
                if (e.getValue().exhausted()) {
                    it.remove();
                }
                return Optional.of(new Fired(e.getKey(), e.getValue()));
            }
        }
        return Optional.empty();
    }
}

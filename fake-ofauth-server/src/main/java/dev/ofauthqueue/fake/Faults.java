package dev.ofauthqueue.fake;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** The faults in force, in the order added; the first that fires on a request wins. Thread-safe. */
public final class Faults {

    private final Map<String, Fault.Trigger> active = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** Adds a fault; returns its id (for {@link #remove}). */
    public synchronized String add(Fault fault) {
        String id = "fault-" + ids.incrementAndGet();
        active.put(id, fault.trigger());
        return id;
    }

    public synchronized boolean remove(String id) {
        return active.remove(id) != null;
    }

    public synchronized void clear() {
        active.clear();
    }

    public synchronized int size() {
        return active.size();
    }

    /** The fault that fires on this request, if any; a fault whose count is used up is dropped. */
    synchronized Optional<Map.Entry<String, Fault.Trigger>> fire(String method, String path, String connection) {
        for (var it = active.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Fault.Trigger> e = it.next();
            if (e.getValue().fault().matches(method, path, connection)
                    && e.getValue().fire()) {
                if (e.getValue().exhausted()) {
                    it.remove();
                }
                return Optional.of(Map.entry(e.getKey(), e.getValue()));
            }
        }
        return Optional.empty();
    }

    synchronized JsonArray toJson() {
        JsonArray out = new JsonArray();
        active.forEach((id, trigger) -> {
            JsonObject j = trigger.fault().toJson().put("id", id);
            if (j.containsKey("times")) {
                j.put("remaining", trigger.left());
            }
            out.add(j);
        });
        return out;
    }
}

package dev.ofauthqueue.fake;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/** The faults in force on a fake, in the order added; the first that fires on a request wins. Thread-safe. */
public interface Faults {

    /**
     * A fault in force.
     *
     * @param id        its id
     * @param fault     what it matches and does
     * @param remaining for a fault given {@link Fault.Builder#times(int)}, how many times it will still fire
     */
    record ActiveFault(String id, Fault fault, OptionalInt remaining) {
        /**
         * Checks the parts.
         *
         * @param id        its id
         * @param fault     what it matches and does
         * @param remaining for a fault given {@link Fault.Builder#times(int)}, how many times it will still fire
         */
        public ActiveFault {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(fault, "fault");
            Objects.requireNonNull(remaining, "remaining");
        }
    }

    /**
     * Adds a fault.
     *
     * @param fault what to match and what to do
     * @return its id, for {@link #remove(String)}
     */
    String add(Fault fault);

    /**
     * Removes one fault.
     *
     * @param id as {@link #add(Fault)} answered
     * @return whether it was there
     */
    boolean remove(String id);

    /** Removes every fault. */
    void clear();

    /**
     * How many faults are in force.
     *
     * @return the count; a counted fault leaves once used up
     */
    int size();

    /**
     * The faults in force.
     *
     * @return in the order added
     */
    List<ActiveFault> list();
}

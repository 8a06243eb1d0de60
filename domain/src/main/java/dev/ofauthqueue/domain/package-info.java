/**
 * The scheduled mass-message queue of one OFAuth connection, the state of each message at an instant, and the
 * deletion rules that decide whether a message may be deleted now, and why not.
 *
 * <p>Plain Java: no framework, no I/O, and no clock. Every decision takes the instant {@code now} as a parameter;
 * reading the wall clock is the job of the edges (an injected {@link java.time.Clock} in the service).
 */
@NullMarked
package dev.ofauthqueue.domain;

import org.jspecify.annotations.NullMarked;

/**
 * Use cases the library offers (driving side): list a connection's scheduled queue, get one message, delete one,
 * plan a bulk deletion and execute the plan, schedule and reschedule a message. Each is a one-method interface taking a command or query record and
 * answering a {@link java.util.concurrent.CompletionStage}.
 */
@NullMarked
package dev.ofauthqueue.ports.in;

import org.jspecify.annotations.NullMarked;

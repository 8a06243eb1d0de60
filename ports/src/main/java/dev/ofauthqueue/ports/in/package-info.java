/**
 * Use cases the library offers (driving side): list a connection's scheduled queue, get one message, delete one,
 * plan a bulk deletion and execute the plan. Each is a one-method interface taking a command or query record and
 * answering a {@link java.util.concurrent.CompletionStage}.
 */
package dev.ofauthqueue.ports.in;

/**
 * The public package: everything an embedder imports. Start at {@link dev.ofauthqueue.OfAuthQueue}, whose capabilities
 * have names ({@code messages()}, {@code plans()}, {@code jobs()}), each blocking, with the same methods in
 * {@code async()} answering {@link java.util.concurrent.CompletionStage}s.
 *
 * <pre>{@code
 * try (OfAuthQueue ofauth = OfAuthQueue.builder("demo-api-key")
 *         .baseUrl("http://127.0.0.1:8080")
 *         .rule(DeletionRules.neverDeletePaid())
 *         .build()) {
 *     DeletionOutcome outcome = ofauth.messages().delete(ConnectionId.of("conn_demo"), 5003);
 * }
 * }</pre>
 *
 * <p>The package is split over the modules that hold its types, each keeping its ring of the hexagon: ids, the policy,
 * selections, plans and the archive come from {@code domain}; outcomes, reports and job commands from {@code ports};
 * the options and the API key from {@code adapter-vertx}; the entry point and its capabilities from {@code library}.
 * The architecture tests pin the list of its public types.
 */
package dev.ofauthqueue;

/**
 * Ports the library needs (driven side): what it asks of OFAuth. Implemented by an adapter such as
 * {@code adapter-vertx}, or in tests by the in-memory port of {@code test-kit}; and where deletion jobs are kept. Only JDK and domain types
 * cross these interfaces.
 */
@NullMarked
package dev.ofauthqueue.ports.out;

import org.jspecify.annotations.NullMarked;

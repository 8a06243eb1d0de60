/**
 * Benchmarks: JMH benchmarks of the adapter and of decoding, and small mains the load-test script uses (a bare
 * Vert.x server, a start-to-first-answer timer, the bulk deletion against the rate limit). Run them all with
 * {@code benchmarks/run.sh}; figures and how to read them are in BENCHMARKS.md.
 */
package dev.ofauthqueue.benchmarks;

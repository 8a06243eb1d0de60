/**
 * The composition root's own parts: where the service of {@code ports} meets the Vert.x adapter (with
 * {@link dev.ofauthqueue.OfAuthQueue} and the command line, the only code that depends on both), and the plan files
 * the command line writes and applies ({@link dev.ofauthqueue.library.PlanFile}).
 */
package dev.ofauthqueue.library;

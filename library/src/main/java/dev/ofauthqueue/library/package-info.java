/**
 * The library assembled: where the service of {@code ports} meets the Vert.x adapter. The only place (with the command
 * line) that depends on both, so the rest of the code keeps to its side of the hexagon.
 * {@link dev.ofauthqueue.library.BlockingScheduledQueue} is the use cases for callers who do not use futures.
 */
package dev.ofauthqueue.library;

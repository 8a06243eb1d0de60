/**
 * For tests of code that uses the library, without HTTP or Vert.x: {@link dev.ofauthqueue.testkit.InMemoryScheduledQueuePort}
 * (OFAuth's state rules in memory, with scripted failures), {@link dev.ofauthqueue.testkit.MutableClock},
 * {@link dev.ofauthqueue.testkit.TestMessages} (message builders), {@link dev.ofauthqueue.testkit.StageWaiter} (await a
 * stage, or the failure of one) and {@link dev.ofauthqueue.testkit.RedisServer} (a real {@code redis-server} on a free
 * loopback port) and {@link dev.ofauthqueue.testkit.HostileUpstream} (an upstream that answers huge, endless or
 * escape-laden bodies, on the JDK's own HTTP server). Depend on {@code dev.ofauthqueue:test-kit} in test scope.
 */
@NullMarked
package dev.ofauthqueue.testkit;

import org.jspecify.annotations.NullMarked;

/**
 * State shared by every process of one API key, on Redis 7: {@link dev.ofauthqueue.adapter.redis.RedisRateBudget},
 * OFAuth's per-connection limit as one atomic GCRA script per connection, timed by Redis's clock, with a local share of
 * the limit while Redis is away. Connection ids never reach Redis: keys are HMAC-SHA256s keyed from the API key.
 */
@NullMarked
package dev.ofauthqueue.adapter.redis;

import org.jspecify.annotations.NullMarked;

/** The state store: each connection's queue as OFAuth's JSON, deletions, created messages, rate-limit buckets, and the encodings cached for speed. Internal to the fake. */
package dev.ofauthqueue.fake.internal.store;

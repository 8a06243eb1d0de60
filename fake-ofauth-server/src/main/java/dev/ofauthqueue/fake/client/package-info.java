/**
 * A Java client of the fake's admin API ({@link dev.ofauthqueue.fake.client.FakeAdminClient}), for tests that drive a
 * fake running in another process. Part of the partner kit.
 */
package dev.ofauthqueue.fake.client;

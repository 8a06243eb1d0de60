/**
 * A fake OFAuth server for the mass-message endpoints: stateful, faithful to OFAuth's routes, headers, error
 * envelope and rate limits, driven by recordings and its own controllable clock. Start it with
 * {@link dev.ofauthqueue.fake.FakeOfAuthServer#start(FakeServerOptions)} or run the standalone jar
 * ({@link dev.ofauthqueue.fake.FakeOfAuthMain}).
 *
 * <p>It shares no code with the client side of this project (domain, ports, adapter): a fake that reused the
 * client's types would repeat the client's mistakes instead of catching them.
 */
package dev.ofauthqueue.fake;

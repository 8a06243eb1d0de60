/**
 * The OFAuth ports implemented with Vert.x Web Client and Jackson against the real HTTP API. Public here: the factory
 * {@link dev.ofauthqueue.adapter.vertx.VertxOfAuthClient}, its {@link dev.ofauthqueue.OfAuthClientOptions}
 * (with {@link dev.ofauthqueue.ApiKey}, {@link dev.ofauthqueue.RetryPolicy},
 * {@link dev.ofauthqueue.ClientRateLimit} and {@link dev.ofauthqueue.DeleteRoute}) and the
 * hooks ({@link dev.ofauthqueue.adapter.vertx.Timers}, {@link dev.ofauthqueue.RequestListener}). Failures
 * are the port's own {@link dev.ofauthqueue.ports.out.OfAuthException}s. Everything else (wire types, mappers, the
 * sender, the interpreter) is package-private.
 */
package dev.ofauthqueue.adapter.vertx;

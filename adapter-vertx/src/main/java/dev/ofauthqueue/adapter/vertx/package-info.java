/**
 * The OFAuth ports implemented with Vert.x Web Client and Jackson against the real HTTP API. Public here: the
 * factory {@link dev.ofauthqueue.adapter.vertx.VertxOfAuthClient}, its {@link
 * dev.ofauthqueue.adapter.vertx.OfAuthClientOptions}, the error family {@link
 * dev.ofauthqueue.adapter.vertx.OfAuthException}, the listener hook and the blocking facade. Wire types and mappers
 * are package-private.
 */
package dev.ofauthqueue.adapter.vertx;

package dev.ofauthqueue.ports.archfixture;

import dev.ofauthqueue.adapter.vertx.OfAuthClientOptions;

/** Bad on purpose: the core naming an adapter type. */
public interface PortsReachingTheAdapter {
    OfAuthClientOptions options();
}

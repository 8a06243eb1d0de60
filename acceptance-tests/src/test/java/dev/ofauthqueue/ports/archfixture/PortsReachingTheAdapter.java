package dev.ofauthqueue.ports.archfixture;

/** Bad on purpose: the core naming an adapter type. */
public interface PortsReachingTheAdapter {
    dev.ofauthqueue.adapter.vertx.OfAuthClientOptions options();
}

package dev.ofauthqueue.ports.archfixture;

import dev.ofauthqueue.OfAuthClientOptions;

/** Bad on purpose: the core naming an adapter type. */
public interface PortsReachingTheAdapter {
    OfAuthClientOptions options();
}

/**
 * The service joining the use cases to the port: it fetches, evaluates the {@link dev.ofauthqueue.DeletionPolicy}
 * at the injected {@link java.time.Clock}'s instant, and calls the port only when the policy allows.
 */
@NullMarked
package dev.ofauthqueue.ports.service;

import org.jspecify.annotations.NullMarked;

/**
 * Optional observability for the library on Micrometer: {@link dev.ofauthqueue.observability.OfAuthQueueObservations}
 * turns its request listener into Observations, which {@link dev.ofauthqueue.observability.OfAuthQueueObservation}
 * documents name by name and key by key.
 */
package dev.ofauthqueue.observability;

/**
 * How what ofauth-queue keeps outside the process is sealed under keys derived from the API key: the connection-id
 * cipher and the hash and MAC. The engine (job seals), the Redis store (key names, sealed connection ids) and plan files
 * share them, so one scheme serves all three; nothing here knows where a sealed value is kept.
 */
@NullMarked
package dev.ofauthqueue.ports.sealing;

import org.jspecify.annotations.NullMarked;

/** Faults: which fire on a request (seeded, counted) and what they do to it. Internal to the fake. */
package dev.ofauthqueue.fake.internal.fault;

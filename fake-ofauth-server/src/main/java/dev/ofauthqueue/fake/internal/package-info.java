/**
 * The fake's insides, arranged by capability: {@code api} (OFAuth's routes and request validation), {@code store}
 * (the state), {@code fault}, {@code journal}, {@code recording}, {@code admin} and {@code http}. Types here are public
 * only so that those packages can reach each other; nothing outside the fake may use them (an architecture rule
 * checks it), and they are left out of the Javadoc.
 */
package dev.ofauthqueue.fake.internal;

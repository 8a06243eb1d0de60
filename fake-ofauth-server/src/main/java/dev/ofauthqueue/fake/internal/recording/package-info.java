/** Recording sets: loading and checking them, and record mode (the proxy that writes them). Internal to the fake. */
package dev.ofauthqueue.fake.internal.recording;

/** How the fake answers over HTTP: JSON, OFAuth's error envelope, request ids. Internal to the fake. */
package dev.ofauthqueue.fake.internal.http;

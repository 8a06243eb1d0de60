/** OFAuth's routes under /v2/access: authentication, rate limiting, request validation and the mass-message handlers. Internal to the fake. */
package dev.ofauthqueue.fake.internal.api;

/** The admin API under /__admin, served from the one FakeAdmin implementation. Internal to the fake. */
package dev.ofauthqueue.fake.internal.admin;

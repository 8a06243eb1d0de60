/** The request journal and the handler that writes every API request into it. Internal to the fake. */
package dev.ofauthqueue.fake.internal.journal;

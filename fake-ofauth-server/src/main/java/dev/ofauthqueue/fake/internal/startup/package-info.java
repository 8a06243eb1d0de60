/**
 * The fake's fast start: at package time {@link dev.ofauthqueue.fake.internal.startup.ClassArchive} runs a training
 * start ({@link dev.ofauthqueue.fake.internal.startup.StartupTraining}) in a JVM that writes an application
 * class-data-sharing archive of every class it loaded, which {@code bin/fake-ofauth} then maps instead of loading and
 * verifying those classes again.
 */
package dev.ofauthqueue.fake.internal.startup;

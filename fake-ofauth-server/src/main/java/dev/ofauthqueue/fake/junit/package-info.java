/**
 * JUnit 5 support for partners: {@link dev.ofauthqueue.fake.junit.FakeOfAuthExtension} starts the fake in-process
 * on a free port, isolates each test, and can fail a test that made requests the fake could not route.
 */
package dev.ofauthqueue.fake.junit;

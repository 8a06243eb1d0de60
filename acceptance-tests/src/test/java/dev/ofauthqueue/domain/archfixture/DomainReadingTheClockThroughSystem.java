package dev.ofauthqueue.domain.archfixture;

/** Bad on purpose: reading the clock through System. */
public class DomainReadingTheClockThroughSystem {
    long stamp() {
        return System.currentTimeMillis();
    }
}

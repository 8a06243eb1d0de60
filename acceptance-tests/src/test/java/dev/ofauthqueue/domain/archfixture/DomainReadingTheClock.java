package dev.ofauthqueue.domain.archfixture;

import java.time.Instant;

/** Bad on purpose: a domain rule that reads the wall clock instead of taking 'now'. */
public class DomainReadingTheClock {
    boolean isPast(Instant t) {
        return t.isBefore(Instant.now());
    }
}

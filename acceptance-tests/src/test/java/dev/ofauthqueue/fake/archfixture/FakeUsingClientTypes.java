package dev.ofauthqueue.fake.archfixture;

import dev.ofauthqueue.MassMessageId;

/** Bad on purpose: the fake reusing the client's types, so it would share the client's bugs. */
public class FakeUsingClientTypes {
    Object id() {
        return MassMessageId.of(1);
    }
}

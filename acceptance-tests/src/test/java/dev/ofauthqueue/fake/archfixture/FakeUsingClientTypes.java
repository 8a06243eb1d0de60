package dev.ofauthqueue.fake.archfixture;

/** Bad on purpose: the fake reusing the client's types, so it would share the client's bugs. */
public class FakeUsingClientTypes {
    Object id() {
        return dev.ofauthqueue.domain.MassMessageId.of(1);
    }
}

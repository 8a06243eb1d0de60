package dev.ofauthqueue.adapter.vertx.archfixture;

/** Bad on purpose: the client reaching into the fake. */
public class AdapterUsingTheFake {
    int port(dev.ofauthqueue.fake.FakeOfAuthServer fake) {
        return fake.port();
    }
}

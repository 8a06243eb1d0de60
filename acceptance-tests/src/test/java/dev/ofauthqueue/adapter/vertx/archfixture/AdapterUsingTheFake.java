package dev.ofauthqueue.adapter.vertx.archfixture;

import dev.ofauthqueue.fake.FakeOfAuthServer;

/** Bad on purpose: the client reaching into the fake. */
public class AdapterUsingTheFake {
    int port(FakeOfAuthServer fake) {
        return fake.port();
    }
}

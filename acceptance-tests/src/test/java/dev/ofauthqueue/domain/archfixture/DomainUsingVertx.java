package dev.ofauthqueue.domain.archfixture;

import io.vertx.core.json.JsonObject;

/** Bad on purpose: a domain class using a framework type. */
public class DomainUsingVertx {
    JsonObject leak() {
        return new JsonObject();
    }
}

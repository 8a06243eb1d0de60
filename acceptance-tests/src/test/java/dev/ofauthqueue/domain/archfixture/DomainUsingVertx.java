package dev.ofauthqueue.domain.archfixture;

/** Bad on purpose: a domain class using a framework type. */
public class DomainUsingVertx {
    io.vertx.core.json.JsonObject leak() {
        return new io.vertx.core.json.JsonObject();
    }
}

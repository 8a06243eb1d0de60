package dev.ofauthqueue.adapter.vertx.archfixture;

import io.vertx.core.Vertx;

/** Bad on purpose: a Vert.x instance of ours made with the defaults, which set up a file cache in the temp directory. */
public class AdapterCreatingAPlainVertx {
    Vertx own() {
        return Vertx.vertx();
    }
}

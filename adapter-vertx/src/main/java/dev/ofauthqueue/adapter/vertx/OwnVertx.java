package dev.ofauthqueue.adapter.vertx;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;

/**
 * The Vert.x instance a part of ours creates for itself when its caller gives none (the library, the Redis job store).
 * It reads no files from the class path: by default Vert.x sets up a {@code vertx-cache-*} directory in the temporary
 * directory as it starts and removes it only when it is closed, so every process stopped before that (a killed job, a
 * test run cut short) would leave one behind. Ours serve and read no class-path files through Vert.x, so there is
 * nothing to cache.
 *
 * <pre>{@code
 * Vertx vertx = OwnVertx.create();
 * try {
 *     // ... use it
 * } finally {
 *     vertx.close();
 * }
 * }</pre>
 */
public final class OwnVertx {

    private OwnVertx() {}

    /**
     * Creates a Vert.x instance that sets up no file cache; whoever calls this closes it.
     *
     * @return a new instance
     */
    public static Vertx create() {
        return Vertx.vertx(new VertxOptions()
                .setFileSystemOptions(new FileSystemOptions()
                        .setClassPathResolvingEnabled(false)
                        .setFileCachingEnabled(false)));
    }
}

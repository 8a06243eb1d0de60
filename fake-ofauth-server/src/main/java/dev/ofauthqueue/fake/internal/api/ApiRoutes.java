package dev.ofauthqueue.fake.internal.api;

import dev.ofauthqueue.fake.FakeClock;
import dev.ofauthqueue.fake.internal.store.FakeStore;
import io.vertx.ext.web.Router;

/** OFAuth's mass-message routes under {@code /v2/access}: authentication and rate limiting first, then the handlers. */
public final class ApiRoutes {

    /** The mass-message collection's path. */
    public static final String BASE = "/v2/access/mass-messages";

    private ApiRoutes() {}

    /** Mounts the routes on {@code router}. */
    public static void mount(Router router, FakeStore store, FakeClock clock) {
        MassMessageHandlers handlers = new MassMessageHandlers(store, clock);
        router.route("/v2/access/*").handler(new Authentication(store));
        router.get(BASE).handler(handlers::list);
        router.post(BASE).handler(handlers::create);
        router.delete(BASE + "/scheduled/:id").handler(ctx -> handlers.delete(ctx, false));
        router.get(BASE + "/:id").handler(handlers::getOne);
        router.put(BASE + "/:id").handler(handlers::update);
        router.delete(BASE + "/:id").handler(ctx -> handlers.delete(ctx, true));
    }
}

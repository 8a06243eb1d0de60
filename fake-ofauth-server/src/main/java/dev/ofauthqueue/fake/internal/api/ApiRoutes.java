package dev.ofauthqueue.fake.internal.api;

import dev.ofauthqueue.fake.FakeClock;
import dev.ofauthqueue.fake.internal.store.FakeStore;
import io.vertx.ext.web.Router;
import java.util.List;

/** OFAuth's mass-message routes under {@code /v2/access}: authentication and rate limiting first, then the handlers. */
public final class ApiRoutes {

    /** The mass-message collection's path. */
    public static final String BASE = "/v2/access/mass-messages";

    /** The template of a path no route of OFAuth's serves. */
    public static final String OTHER = "other";

    private static final String SCHEDULED = BASE + "/scheduled/";

    private static final String SCHEDULED_ONE = SCHEDULED + "{id}";
    private static final String ONE = BASE + "/{id}";

    /** Every template {@link #template} answers, {@value #OTHER} last. */
    public static final List<String> TEMPLATES = List.of(BASE, SCHEDULED_ONE, ONE, OTHER);

    private ApiRoutes() {}

    /**
     * The route template a path falls under, as the routes below match it (an id is never part of it).
     *
     * @param path a request's path, whatever a client sent
     * @return {@value #BASE}, {@code BASE/scheduled/{id}}, {@code BASE/{id}}, or {@value #OTHER}
     */
    public static String template(String path) {
        if (path.equals(BASE)) {
            return BASE;
        }
        if (path.startsWith(SCHEDULED) && isSegment(path, SCHEDULED.length())) {
            return SCHEDULED_ONE;
        }
        if (path.startsWith(BASE + "/") && isSegment(path, BASE.length() + 1)) {
            return ONE;
        }
        return OTHER;
    }

    private static boolean isSegment(String path, int from) {
        return path.length() > from && path.indexOf('/', from) < 0;
    }

    /** Mounts the routes on {@code router}. */
    public static void mount(Router router, FakeStore store, FakeClock clock) {
        MassMessageHandlers handlers = new MassMessageHandlers(store, clock);
        router.route("/v2/access/*").handler(new Authentication(store));
        router.get(BASE).handler(handlers::list);
        router.post(BASE).handler(handlers::create);
        router.delete(SCHEDULED + ":id").handler(ctx -> handlers.delete(ctx, false));
        router.get(BASE + "/:id").handler(handlers::getOne);
        router.put(BASE + "/:id").handler(handlers::update);
        router.delete(BASE + "/:id").handler(ctx -> handlers.delete(ctx, true));
    }
}

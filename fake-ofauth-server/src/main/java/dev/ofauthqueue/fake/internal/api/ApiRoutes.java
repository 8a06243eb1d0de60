package dev.ofauthqueue.fake.internal.api;

import dev.ofauthqueue.fake.FakeClock;
import dev.ofauthqueue.fake.internal.store.FakeStore;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
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
        // One message's routes: one prefix route that picks the handler by template and method, rather than a route
        // per method with a {@code :id} pattern, which Vert.x matches with a regular expression on every request.
        router.route(BASE + "/*").handler(ctx -> one(ctx, handlers));
    }

    /**
     * Serves a request under {@value #BASE}{@code /}: the one-message routes by method, a 405 for a method they do not
     * have, and on to the next route (a 404) for a path that is not theirs; each answer as the routes with a
     * {@code :id} pattern gave it.
     */
    private static void one(RoutingContext ctx, MassMessageHandlers handlers) {
        HttpMethod method = ctx.request().method();
        String path = ctx.normalizedPath();
        // Vert.x's routes take one trailing slash as none; so does this one (the handler then refuses the empty id).
        switch (template(path.endsWith("/") ? path.substring(0, path.length() - 1) : path)) {
            case SCHEDULED_ONE -> {
                if (HttpMethod.DELETE.equals(method)) {
                    handlers.delete(ctx, false);
                } else {
                    ctx.fail(405);
                }
            }
            case ONE -> {
                if (HttpMethod.GET.equals(method)) {
                    handlers.getOne(ctx);
                } else if (HttpMethod.PUT.equals(method)) {
                    handlers.update(ctx);
                } else if (HttpMethod.DELETE.equals(method)) {
                    handlers.delete(ctx, true);
                } else {
                    ctx.fail(405);
                }
            }
            case BASE -> ctx.fail(405); // GET and POST were served by the routes before this one
            default -> ctx.next();
        }
    }
}

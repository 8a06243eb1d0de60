package dev.ofauthqueue.acceptance.support;

import dev.ofauthqueue.fake.FakeAdmin;
import dev.ofauthqueue.fake.FakeClock;
import dev.ofauthqueue.fake.Journal;
import dev.ofauthqueue.fake.client.FakeAdminClient;
import java.time.Clock;
import java.time.Instant;

/**
 * A running fake, driven the way a partner drives it from outside: through its HTTP admin API only, with the partner
 * kit's {@link FakeAdminClient}. The same handle serves an in-process fake and the standalone jar in its own process.
 */
public final class FakeTarget implements AutoCloseable {

    private final String baseUrl;
    private final Runnable stop;
    private final FakeAdmin admin;
    /** Runs at the machine's pace from the fake's last known instant, as the fake's own clock does. */
    private final FakeClock clock;

    public FakeTarget(String baseUrl, Runnable stop) {
        this.baseUrl = baseUrl;
        this.stop = stop;
        this.admin = FakeAdminClient.to(baseUrl);
        this.clock = new FakeClock(admin.now());
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The fake's admin API. */
    public FakeAdmin admin() {
        return admin;
    }

    /** A clock that agrees with the fake's: hand it to the library's service. */
    public Clock clock() {
        return clock;
    }

    public Instant now() {
        return admin.now();
    }

    public void setClock(Instant instant) {
        clock.set(admin.setClock(instant));
    }

    public void reset() {
        admin.reset();
        clock.set(admin.now());
    }

    /** How many requests the journal holds that match, faulted or not. */
    public int requests(String method, String pathRegex, Integer status) {
        return admin.requests(query(method, pathRegex, status)).size();
    }

    /** How many matching requests the fake really served: no fault fired on them. */
    public int served(String method, String pathRegex, Integer status) {
        return admin.requests(query(method, pathRegex, status).faulted(false)).size();
    }

    private static Journal.Query query(String method, String pathRegex, Integer status) {
        Journal.Query query = Journal.query().method(method);
        if (pathRegex != null) {
            query.path(pathRegex);
        }
        if (status != null) {
            query.status(status);
        }
        return query;
    }

    /** The whole journal, one line a request, for failure messages. */
    public String journal() {
        StringBuilder out = new StringBuilder();
        admin.requests(Journal.query()).forEach(e -> out.append(e.describe()).append('\n'));
        return out.toString();
    }

    @Override
    public void close() {
        stop.run();
    }
}

package dev.ofauthqueue.fake.internal.journal;

import dev.ofauthqueue.fake.internal.api.ApiRoutes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What clients did to the fake, as counters in Prometheus' text format ({@code GET /__admin/metrics}): requests by route
 * template, method and status; 429s by connection; requests a fault fired on, by fault. Every label set is bounded
 * whatever a client sends: a route is one of OFAuth's templates or {@code other}, a method one of HTTP's or
 * {@code other}, a status a number from 0 to 599; a connection appears only as an HMAC of its id under a key of this
 * process (never the id), and beyond {@value #MAX_KEYED} connections or faults the rest count under {@code other}.
 */
public final class FakeMetrics {

    /** The most connections (for 429s) and faults that get a label of their own. */
    static final int MAX_KEYED = 64;

    static final String OTHER = "other";

    /** The route templates, in the order of their slots. */
    private static final List<String> ROUTES = ApiRoutes.TEMPLATES;

    /** HTTP's methods and {@code other}, in the order of their slots. */
    private static final List<String> METHODS =
            List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", OTHER);

    private static final int STATUSES = 600;

    /**
     * One counter per (route, method, status), created on first use: counting a request looks its slot up by index
     * and allocates nothing once the counter exists (this is the fake's hot path).
     */
    private final AtomicReferenceArray<LongAdder> requests =
            new AtomicReferenceArray<>(ROUTES.size() * METHODS.size() * STATUSES);

    private final Map<String, LongAdder> rateLimited = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> faultHits = new ConcurrentHashMap<>();
    private final byte[] connectionKey = new byte[32];

    /** Counters at zero, connections hashed under a key of their own. */
    public FakeMetrics() {
        new SecureRandom().nextBytes(connectionKey);
    }

    /**
     * Counts an answered request.
     *
     * @param method     the request's method
     * @param path       its path (no query)
     * @param status     the status answered, 0 when none was
     * @param connection its {@code x-connection-id} header, {@code null} when it had none
     */
    public void answered(String method, String path, int status, String connection) {
        int bounded = status < 0 || status >= STATUSES ? 0 : status;
        int methodSlot = METHODS.indexOf(method);
        int slot = (ROUTES.indexOf(ApiRoutes.template(path)) * METHODS.size()
                                + (methodSlot < 0 ? METHODS.size() - 1 : methodSlot))
                        * STATUSES
                + bounded;
        LongAdder counter = requests.get(slot);
        if (counter == null) {
            requests.compareAndSet(slot, null, new LongAdder());
            counter = requests.get(slot);
        }
        counter.increment();
        if (bounded == 429) {
            count(rateLimited, connection == null ? "none" : connectionLabel(connection));
        }
    }

    /**
     * Counts a request a fault fired on.
     *
     * @param faultId the fault's id
     */
    public void faultHit(String faultId) {
        count(faultHits, faultId);
    }

    /** Back to zero (the fake's reset). */
    public void reset() {
        for (int slot = 0; slot < requests.length(); slot++) {
            requests.set(slot, null);
        }
        rateLimited.clear();
        faultHits.clear();
    }

    /**
     * The counters in Prometheus' text exposition format 0.0.4.
     *
     * @return one family per counter, samples sorted by their labels
     */
    public String prometheusText() {
        StringBuilder out = new StringBuilder(1024);
        family(out, "ofauth_fake_requests_total", "Requests to OFAuth's routes, by route template, method and status.");
        List<String> lines = new ArrayList<>();
        for (int slot = 0; slot < requests.length(); slot++) {
            LongAdder counter = requests.get(slot);
            if (counter != null) {
                int status = slot % STATUSES;
                int method = slot / STATUSES % METHODS.size();
                int route = slot / STATUSES / METHODS.size();
                lines.add("ofauth_fake_requests_total{route=\"" + ROUTES.get(route) + "\",method=\""
                        + METHODS.get(method) + "\",status=\"" + status + "\"} " + counter.sum());
            }
        }
        append(out, lines);
        family(
                out,
                "ofauth_fake_rate_limited_total",
                "429 answers, by connection (an HMAC of its id under a key of this process, never the id).");
        append(out, samples("ofauth_fake_rate_limited_total", "connection", rateLimited));
        family(out, "ofauth_fake_fault_hits_total", "Requests a fault fired on, by fault id.");
        append(out, samples("ofauth_fake_fault_hits_total", "fault", faultHits));
        return out.toString();
    }

    private static void family(StringBuilder out, String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
    }

    private static List<String> samples(String name, String label, Map<String, LongAdder> counters) {
        List<String> lines = new ArrayList<>();
        counters.forEach((k, v) -> lines.add(name + "{" + label + "=\"" + escaped(k) + "\"} " + v.sum()));
        return lines;
    }

    private static void append(StringBuilder out, List<String> lines) {
        lines.sort(null);
        lines.forEach(line -> out.append(line).append('\n'));
    }

    /** A label value as the format wants it: backslash, quote and newline escaped. */
    static String escaped(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static void count(Map<String, LongAdder> counters, String key) {
        LongAdder counter = counters.get(key);
        if (counter == null) {
            counter = counters.size() >= MAX_KEYED
                    ? counters.computeIfAbsent(OTHER, k -> new LongAdder())
                    : counters.computeIfAbsent(key, k -> new LongAdder());
        }
        counter.increment();
    }

    private String connectionLabel(String connection) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(connectionKey, "HmacSHA256"));
            byte[] digest = mac.doFinal(connection.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

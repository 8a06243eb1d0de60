package dev.ofauthqueue.cli;

import dev.ofauthqueue.RequestListener;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run's HTTP attempts add up to, for its summary: attempts, 429s, retries, list pages, requests per message,
 * the p50/p99 of the attempts' durations, and the time the job waited for its rate budget. Told of every attempt by
 * the client's request listener, on its threads, and of every token by the job's listener.
 */
final class RequestFigures {

    /** The list route's template, as the client reports it: a GET of it is one page of a listing. */
    static final String LIST_ROUTE = "/v2/access/mass-messages";

    /** The most durations kept for the percentiles (8 MB); attempts beyond still count. */
    static final int MAX_SAMPLES = 1_000_000;

    private int attempts;
    private int rateLimited;
    private int retries;
    private int listPages;
    private long[] nanos = new long[64];
    private int samples;
    private long budgetWaitNanos;
    private int tokens;

    /** A job's connection got a token of its rate budget after {@code waited}. */
    synchronized void budgetGranted(Duration waited) {
        tokens++;
        budgetWaitNanos += Math.max(0, waited.toNanos());
    }

    synchronized void add(RequestListener.Attempt attempt) {
        attempts++;
        if (attempt.status() == 429) {
            rateLimited++;
        }
        if (attempt.attempt() > 1) {
            retries++;
        }
        if (attempt.method().equals("GET") && attempt.route().equals(LIST_ROUTE)) {
            listPages++;
        }
        if (samples < MAX_SAMPLES) {
            if (samples == nanos.length) {
                nanos = Arrays.copyOf(nanos, Math.min(MAX_SAMPLES, nanos.length * 2));
            }
            nanos[samples++] = attempt.latency().toNanos();
        }
    }

    /** The figures as the JSON summary's {@code requests} object. */
    synchronized Map<String, Object> json(int messages) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("attempts", attempts);
        out.put("rateLimited", rateLimited);
        out.put("retries", retries);
        out.put("listPages", listPages);
        out.put("perMessage", perMessage(messages));
        out.put("p50Ms", percentileMillis(50));
        out.put("p99Ms", percentileMillis(99));
        out.put("tokens", tokens);
        out.put("budgetWaitMs", Duration.ofNanos(budgetWaitNanos).toMillis());
        return out;
    }

    /** The counts as one line of the human summary (the durations, which vary from run to run, are JSON's). */
    synchronized String describe(int messages) {
        return "requests: " + attempts + " (" + listPages + " list pages, " + retries + " retries, " + rateLimited
                + " answered 429; " + perMessage(messages) + " per message)";
    }

    private double perMessage(int messages) {
        return messages == 0 ? 0 : Math.round(100.0 * attempts / messages) / 100.0;
    }

    /** Nearest rank over the kept durations, in whole milliseconds; 0 with none. */
    private long percentileMillis(int percent) {
        if (samples == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(nanos, samples);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * samples);
        return Duration.ofNanos(sorted[Math.max(0, rank - 1)]).toMillis();
    }
}

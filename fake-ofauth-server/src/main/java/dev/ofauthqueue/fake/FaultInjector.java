package dev.ofauthqueue.fake;

import java.time.Duration;

/**
 * What a {@link FaultAction} can do to the request a fault fired on. The fake implements it for each such request;
 * each action applies itself through it ({@link FaultAction#apply(FaultInjector)}), so a new action cannot be
 * forgotten by the code that carries actions out.
 */
public interface FaultInjector {

    /**
     * Waits, then lets the fake answer as usual. A timer: a slow request never holds up the others.
     *
     * @param min the shortest wait
     * @param max the longest wait; the wait is drawn from the fault's seeded sequence
     */
    void delayThenAnswer(Duration min, Duration max);

    /**
     * Answers with OFAuth's error envelope instead of the real answer.
     *
     * @param status            400 to 599
     * @param retryAfterSeconds sent as {@code Retry-After} when positive
     */
    void answerError(int status, int retryAfterSeconds);

    /** Closes the connection before any answer. */
    void closeConnection();

    /** Starts a 200 answer, sends part of the body, and closes the connection. */
    void answerPartlyThenClose();

    /** Answers 200 with a JSON content type and a body that is not valid JSON. */
    void answerMalformedJson();

    /** Lets the fake answer, but labels the body {@code text/plain}. */
    void answerWithWrongContentType();

    /**
     * Answers with an HTML error page, as a proxy in front of OFAuth would.
     *
     * @param status 400 to 599; the page is titled with it
     */
    void answerHtmlErrorPage(int status);

    /** Never answers (until the client gives up or the fake stops). */
    void neverAnswer();
}

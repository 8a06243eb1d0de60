package dev.ofauthqueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The builder's listener and its observability's, each told of every attempt's start and end. What one throws does
 * not keep the other from hearing.
 */
final class BothRequestListeners implements RequestListener {

    private static final Logger LOG = LoggerFactory.getLogger(BothRequestListeners.class);

    private final RequestListener first;
    private final RequestListener second;

    private BothRequestListeners(RequestListener first, RequestListener second) {
        this.first = first;
        this.second = second;
    }

    /** {@code first} and {@code second}, or the one that is not {@link RequestListener#NONE}. */
    static RequestListener of(RequestListener first, RequestListener second) {
        if (first == RequestListener.NONE) {
            return second;
        }
        if (second == RequestListener.NONE) {
            return first;
        }
        return new BothRequestListeners(first, second);
    }

    @Override
    public void onAttempt(Attempt event) {
        heard(() -> first.onAttempt(event));
        heard(() -> second.onAttempt(event));
    }

    @Override
    public AttemptEnd attemptStarted(AttemptStart start) {
        AttemptEnd one = started(first, start);
        AttemptEnd other = started(second, start);
        return new AttemptEnd() {
            @Override
            public void ended(Attempt event) {
                heard(() -> one.ended(event));
                heard(() -> other.ended(event));
            }

            @Override
            public void notSent() {
                heard(one::notSent);
                heard(other::notSent);
            }
        };
    }

    private static AttemptEnd started(RequestListener listener, AttemptStart start) {
        try {
            return listener.attemptStarted(start);
        } catch (RuntimeException e) {
            LOG.warn("request listener failed; ignored", e);
            return listener::onAttempt;
        }
    }

    private static void heard(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("request listener failed; ignored", e);
        }
    }
}

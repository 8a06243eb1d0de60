package dev.ofauthqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.RequestListener;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A run's figures: counted per attempt, percentiles by nearest rank, nothing divided by zero. */
class RequestFiguresTest {

    static RequestListener.Attempt attempt(String method, String route, int attempt, int status, long millis) {
        return new RequestListener.Attempt(
                method,
                route,
                attempt,
                status,
                Duration.ofMillis(millis),
                Optional.empty(),
                RequestListener.Outcome.SUCCEEDED,
                Optional.empty());
    }

    @Test
    void countsAttemptsPagesRetriesAnd429sAndTakesPercentilesByNearestRank() {
        RequestFigures figures = new RequestFigures();
        figures.add(attempt("GET", RequestFigures.LIST_ROUTE, 1, 200, 10));
        figures.add(attempt("DELETE", "/v2/access/mass-messages/scheduled/{id}", 1, 429, 20));
        figures.add(attempt("DELETE", "/v2/access/mass-messages/scheduled/{id}", 2, 200, 30));
        for (int i = 0; i < 97; i++) {
            figures.add(attempt("GET", "/v2/access/mass-messages/{id}", 1, 200, 40));
        }
        figures.budgetGranted(Duration.ZERO);
        figures.budgetGranted(Duration.ofMillis(1500));

        assertThat(figures.json(50))
                .containsEntry("attempts", 100)
                .containsEntry("listPages", 1)
                .containsEntry("retries", 1)
                .containsEntry("rateLimited", 1)
                .containsEntry("perMessage", 2.0)
                .containsEntry("p50Ms", 40L)
                .containsEntry("p99Ms", 40L)
                .containsEntry("tokens", 2)
                .containsEntry("budgetWaitMs", 1500L);
        assertThat(figures.describe(50))
                .isEqualTo("requests: 100 (1 list pages, 1 retries, 1 answered 429; 2.0 per message)");
    }

    @Test
    void aRunThatSentNothingHasZeros() {
        assertThat(new RequestFigures().json(0))
                .containsEntry("attempts", 0)
                .containsEntry("perMessage", 0.0)
                .containsEntry("p50Ms", 0L)
                .containsEntry("p99Ms", 0L)
                .containsEntry("budgetWaitMs", 0L);
    }
}

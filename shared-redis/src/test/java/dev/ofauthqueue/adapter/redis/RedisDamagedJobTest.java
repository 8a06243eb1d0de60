package dev.ofauthqueue.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.ports.out.DeletionJobStore.JobSettings;
import dev.ofauthqueue.ports.out.DeletionJobStore.PlannedItem;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.testkit.RedisServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A job whose keys were changed by hand or by another program: refused in our words, never Java's. */
class RedisDamagedJobTest {

    static final ApiKey KEY = new ApiKey("sk_test_damaged");
    static final Instant T0 = Instant.parse("2026-11-01T12:00:00Z");
    static final JobSettings SETTINGS = new JobSettings(
            "http://127.0.0.1:1", "scheduled", "60/min", "p", Selection.all(), Duration.ofMinutes(5), false, 4);

    private static RedisServer server;

    @BeforeAll
    static void start() {
        server = RedisServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "job  | state      | WHATEVER",
                "job  | createdAt  | yesterday",
                "job  | concurrency| many",
                "job  | selection  | paid=maybe",
                "plan | 0          | {not json",
                "plan | 0          | {}"
            })
    void aValueTheStoreNeverWritesIsADamagedJobNamedWithoutJavasWording(String hash, String field, String value) {
        try (RedisDeletionJobStore store = RedisDeletionJobStore.open(RedisUrl.parse(server.url()), KEY)) {
            DeletionJobId id = store.create(
                    T0,
                    SETTINGS,
                    List.of(new PlannedItem(
                            ConnectionId.of("conn_a"),
                            ScheduledMassMessage.builder(1).build(),
                            Optional.empty(),
                            T0)));
            RedisKeys keys = new RedisKeys(KEY);
            server.cli("HSET", hash.equals("job") ? keys.job(id) : keys.jobPlan(id), field, value);

            assertThatThrownBy(() -> store.load(id))
                    .isInstanceOfSatisfying(
                            DeletionJobStoreException.class,
                            e -> assertThat(e.kind()).isEqualTo(DeletionJobStoreException.Kind.NOT_A_DATABASE))
                    .hasMessage(store.location() + ": job " + id + " is damaged: a value this store never writes was"
                            + " found (changed outside ofauth-queue?); plan a new job");
            if (field.equals("state")) {
                assertThatThrownBy(() -> store.state(id)).hasMessageContaining("is damaged");
            }
        }
    }

    /** A run's figures as the store kept them before its attempt figures existed, without the closing brace. */
    static final String OLDER_RUN_FIGURES =
            "{\"startedAt\":\"2026-11-01T12:00:00Z\",\"endedAt\":\"2026-11-01T12:00:05Z\","
                    + "\"state\":\"COMPLETED\",\"settled\":2,\"failed\":0,\"tokens\":2,\"budgetWaitNs\":0,\"rateLimited\":0,"
                    + "\"retryAfterNs\":0,\"listPages\":1,\"takeovers\":0,\"deadLetters\":0";

    @Test
    void aRunKeptBeforeTheAttemptFiguresExistedReadsThemAsZero() {
        try (RedisDeletionJobStore store = RedisDeletionJobStore.open(RedisUrl.parse(server.url()), KEY)) {
            DeletionJobId id = store.create(T0, SETTINGS, List.of());
            server.cli("RPUSH", new RedisKeys(KEY).jobRuns(id), OLDER_RUN_FIGURES + "}");

            assertThat(store.runs(id)).singleElement().satisfies(run -> {
                assertThat(run.settled()).isEqualTo(2);
                assertThat(run.attempts()).isZero();
                assertThat(run.retries()).isZero();
                assertThat(run.attemptP99()).isZero();
            });
        }
    }

    /** A run's figures written by hand: the job's runs are refused as damaged, the job itself still loads. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{not json",
                "{}",
                "{\"startedAt\":\"2026-11-01T12:00:00Z\",\"endedAt\":\"2026-11-01T11:00:00Z\",\"state\":\"COMPLETED\","
                        + "\"settled\":0,\"failed\":0,\"tokens\":0,\"budgetWaitNs\":0,\"rateLimited\":0,"
                        + "\"retryAfterNs\":0,\"listPages\":0,\"takeovers\":0,\"deadLetters\":0}",
                "{\"startedAt\":\"2026-11-01T12:00:00Z\",\"endedAt\":\"2026-11-01T12:00:00Z\",\"state\":\"COMPLETED\","
                        + "\"settled\":-1,\"failed\":0,\"tokens\":0,\"budgetWaitNs\":0,\"rateLimited\":0,"
                        + "\"retryAfterNs\":0,\"listPages\":0,\"takeovers\":0,\"deadLetters\":0}",
                OLDER_RUN_FIGURES + ",\"attempts\":1,\"retries\":2}",
                OLDER_RUN_FIGURES + ",\"attemptP50Ns\":\"fast\"}"
            })
    void aRunTheStoreNeverWroteIsRefusedAsDamaged(String entry) {
        try (RedisDeletionJobStore store = RedisDeletionJobStore.open(RedisUrl.parse(server.url()), KEY)) {
            DeletionJobId id = store.create(T0, SETTINGS, List.of());
            server.cli("RPUSH", new RedisKeys(KEY).jobRuns(id), entry);

            assertThatThrownBy(() -> store.runs(id))
                    .isInstanceOfSatisfying(
                            DeletionJobStoreException.class,
                            e -> assertThat(e.kind()).isEqualTo(DeletionJobStoreException.Kind.NOT_A_DATABASE))
                    .hasMessageContaining("job " + id + " is damaged");
            assertThat(store.load(id)).isPresent();
        }
    }
}

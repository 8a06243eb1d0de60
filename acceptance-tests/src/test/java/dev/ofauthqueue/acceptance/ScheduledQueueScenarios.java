package dev.ofauthqueue.acceptance;

import static dev.ofauthqueue.testkit.StageWaiter.await;
import static dev.ofauthqueue.testkit.StageWaiter.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.ClientRateLimit;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeleteRoute;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.DeletionPlan;
import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.DeletionReport;
import dev.ofauthqueue.DeletionRules;
import dev.ofauthqueue.MassMessageDraft;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.MessageSelector;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.ScheduledQueue;
import dev.ofauthqueue.acceptance.support.FakeTarget;
import dev.ofauthqueue.acceptance.support.Library;
import dev.ofauthqueue.acceptance.support.TestRecordings;
import dev.ofauthqueue.domain.MediaType;
import dev.ofauthqueue.domain.Money;
import dev.ofauthqueue.domain.RefusalReason;
import dev.ofauthqueue.fake.Fault;
import dev.ofauthqueue.fake.FaultAction;
import dev.ofauthqueue.ports.in.ExecuteDeletionPlanCommand;
import dev.ofauthqueue.ports.in.MessageRef;
import dev.ofauthqueue.ports.in.PlanDeletionCommand;
import dev.ofauthqueue.ports.out.OfAuthException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The library end to end, the way a partner uses it: the use cases assembled with the Vert.x adapter, against a
 * stage (the fake started in-process or as the packaged jar, or a real sandbox). Names and bodies read
 * given / when / then.
 */
abstract class ScheduledQueueScenarios {

    /** In the bundled recordings: paid (9.99), media of every kind, sent 2 hours after the recordings' instant. */
    static final MassMessageId PAID_BUNDLE = MassMessageId.of(5001);
    /** In the bundled recordings: free, sent 52 hours after the recordings' instant. */
    static final MassMessageId FREE_WORKOUT = MassMessageId.of(5003);

    static final Instant FREE_WORKOUT_SENDS_AT = Instant.parse("2026-11-03T16:00:00Z");

    private final List<AutoCloseable> opened = new ArrayList<>();

    /** The stage for this test; subclasses prepare a fresh or reset one. */
    abstract Stage stage();

    @AfterEach
    void closeWhatTheScenarioOpened() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        opened.clear();
    }

    Library library() {
        return library(DeletionPolicy.standard(), UnaryOperator.identity());
    }

    Library library(DeletionPolicy policy, UnaryOperator<OfAuthClientOptions.Builder> tune) {
        return open(Library.against(stage().baseUrl(), stage().apiKey(), stage().clock(), policy, tune));
    }

    <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    MessageRef inQueue(MassMessageId id) {
        return new MessageRef(stage().connection(), id);
    }

    /** A message scheduled through the API itself, so that the scenario runs on any stage. */
    MassMessageId scheduleOne(Library lib, Duration ahead, String text) {
        return await(lib.client()
                        .scheduleMassMessage(
                                stage().connection(),
                                MassMessageDraft.scheduled(
                                        text, stage().clock().instant().plus(ahead))))
                .id();
    }

    @Nested
    class ListingAndReading {

        @Test
        void givenAQueueLongerThanAPage_whenListed_thenEveryScheduledMessageComesBackInSendOrder() {
            Library lib = library();

            ScheduledQueue queue = await(lib.queue().listScheduledQueue(stage().connection()));

            assertThat(queue.messages())
                    .extracting(m -> m.sendAt().orElse(Instant.MAX))
                    .isSorted();
            stage().fake().ifPresent(fake -> {
                assertThat(queue.size()).isEqualTo(26);
                assertThat(queue.find(PAID_BUNDLE)).isPresent();
                assertThat(fake.requests("GET", "/v2/access/mass-messages", 200))
                        .isEqualTo(2);
            });
        }

        @Test
        void givenTheBundledRecordings_whenOneMessageIsRead_thenEveryMeaningfulFieldArrives() {
            stage().requireFake("needs the bundled recordings");
            Library lib = library();

            ScheduledMassMessage m = await(lib.queue().getScheduledMassMessage(inQueue(PAID_BUNDLE)))
                    .orElseThrow();

            assertThat(m.price()).isEqualTo(Money.of("9.99"));
            assertThat(m.isPaid()).isTrue();
            assertThat(m.media().countsByType())
                    .containsOnlyKeys(MediaType.PHOTO, MediaType.VIDEO, MediaType.GIF, MediaType.AUDIO);
            assertThat(m.media().mediaIds()).hasSize(4);
            assertThat(m.sender()).hasValueSatisfying(s -> assertThat(s.name()).contains("Luna Vega"));
            assertThat(m.replyTo()).contains(MassMessageId.of(4100));
            assertThat(m.sendAt()).contains(Instant.parse("2026-11-01T14:00:00Z"));
        }
    }

    @Nested
    class Deleting {

        @Test
        void givenAScheduledMessage_whenDeletedThroughTheSpecRoute_thenItIsGone() {
            Library lib = library();
            MassMessageId id = scheduleOne(lib, Duration.ofHours(6), "delete me (spec route)");

            DeletionOutcome outcome = await(lib.queue().deleteScheduledMassMessage(inQueue(id)));

            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            DeletionOutcome.Deleted.class,
                            d -> assertThat(d.message().canceled()).isTrue());
            assertThat(await(lib.queue().getScheduledMassMessage(inQueue(id)))).isEmpty();
            stage().fake()
                    .ifPresent(fake -> assertThat(
                                    fake.requests("DELETE", "/v2/access/mass-messages/scheduled/" + id.value(), 200))
                            .isEqualTo(1));
        }

        @Test
        void givenAScheduledMessage_whenDeletedThroughTheGenericRoute_thenItIsGone() {
            Library lib = library(DeletionPolicy.standard(), o -> o.deleteRoute(DeleteRoute.GENERIC));
            MassMessageId id = scheduleOne(lib, Duration.ofHours(6), "delete me (generic route)");

            DeletionOutcome outcome = await(lib.queue().deleteScheduledMassMessage(inQueue(id)));

            assertThat(outcome).isInstanceOf(DeletionOutcome.Deleted.class);
            stage().fake()
                    .ifPresent(
                            fake -> assertThat(fake.requests("DELETE", "/v2/access/mass-messages/" + id.value(), 200))
                                    .isEqualTo(1));
        }

        @Test
        void givenADeletedMessage_whenDeletedAgain_thenItIsAlreadyGoneAndNoSecondDeleteIsSent() {
            Library lib = library();
            MassMessageId id = scheduleOne(lib, Duration.ofHours(6), "delete me twice");
            await(lib.queue().deleteScheduledMassMessage(inQueue(id)));

            DeletionOutcome again = await(lib.queue().deleteScheduledMassMessage(inQueue(id)));

            assertThat(again).isEqualTo(new DeletionOutcome.AlreadyGone(id));
            assertThat(again.isGone()).isTrue();
            stage().fake()
                    .ifPresent(fake ->
                            assertThat(fake.requests("DELETE", ".*", null)).isEqualTo(1));
        }

        @Test
        void givenAMessageSentInThirtySeconds_whenDeleted_thenItIsRefusedInsideTheSafetyMarginWithoutARequest() {
            Library lib = library();
            MassMessageId id = scheduleOne(lib, Duration.ofSeconds(30), "too close");

            DeletionOutcome outcome = await(lib.queue().deleteScheduledMassMessage(inQueue(id)));

            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            DeletionOutcome.Refused.class,
                            r -> assertThat(r.decision().reason()).isEqualTo(RefusalReason.TOO_CLOSE_TO_SEND_TIME));
            stage().fake()
                    .ifPresent(fake ->
                            assertThat(fake.requests("DELETE", ".*", null)).isZero());
        }

        @ParameterizedTest(name = "clock moved to {0} -> {1}")
        @CsvSource({
            "2026-11-03T15:59:30Z, TOO_CLOSE_TO_SEND_TIME",
            "2026-11-03T16:00:10Z, SENDING",
            "2026-11-03T16:05:00Z, ALREADY_SENT"
        })
        void givenTheFakesClockMovedNearOrPastASendTime_whenDeleted_thenTheRuleRefusesWithItsReason(
                Instant now, RefusalReason reason) {
            FakeTarget fake = stage().requireFake("needs the fake's clock");
            fake.setClock(now);
            Library lib = library();

            DeletionOutcome outcome = await(lib.queue().deleteScheduledMassMessage(inQueue(FREE_WORKOUT)));

            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            DeletionOutcome.Refused.class,
                            r -> assertThat(r.decision().reason()).isEqualTo(reason));
            assertThat(fake.requests("DELETE", ".*", null)).isZero();
        }

        @Test
        void givenAUserRuleProtectingPaidMessages_whenPaidAndFreeMessagesAreDeleted_thenOnlyTheFreeOneGoes() {
            Library lib =
                    library(DeletionPolicy.standard().and(DeletionRules.neverDeletePaid()), UnaryOperator.identity());
            MassMessageId paid = await(lib.client()
                            .scheduleMassMessage(
                                    stage().connection(),
                                    new MassMessageDraft(
                                            "paid",
                                            Money.of("9.99"),
                                            false,
                                            Optional.of(
                                                    stage().clock().instant().plus(Duration.ofHours(5))),
                                            List.of())))
                    .id();
            MassMessageId free = scheduleOne(lib, Duration.ofHours(5), "free");

            DeletionOutcome paidOutcome = await(lib.queue().deleteScheduledMassMessage(inQueue(paid)));
            DeletionOutcome freeOutcome = await(lib.queue().deleteScheduledMassMessage(inQueue(free)));

            assertThat(paidOutcome).isInstanceOfSatisfying(DeletionOutcome.Refused.class, r -> {
                assertThat(r.decision().reason()).isEqualTo(RefusalReason.PROTECTED);
                assertThat(r.decision().rule()).isEqualTo("never-delete-paid");
            });
            assertThat(freeOutcome).isInstanceOf(DeletionOutcome.Deleted.class);
            await(lib.queue().deleteScheduledMassMessage(inQueue(paid))); // tidy a sandbox: still refused, nothing sent
        }
    }

    @Nested
    class DryRunAndBulk {

        @Test
        void givenTheDemoQueue_whenAPlanForFreeMessagesIsMadeThenExecuted_thenTheReportMatchesWhatTheFakeSaw() {
            FakeTarget fake = stage().requireFake("needs the bundled recordings");
            Library lib = library();

            DeletionPlan plan = await(
                    lib.queue().planDeletion(new PlanDeletionCommand(stage().connection(), MessageSelector.free())));
            int deletesBeforeExecution = fake.requests("DELETE", ".*", null);
            DeletionReport report = await(lib.queue().executeDeletionPlan(new ExecuteDeletionPlanCommand(plan)));

            assertThat(deletesBeforeExecution).isZero();
            assertThat(plan.toDelete())
                    .hasSize(12)
                    .allSatisfy(m -> assertThat(m.isPaid()).isFalse());
            assertThat(plan.describe()).contains("12 to delete, 0 refused");
            assertThat(report.count(DeletionOutcome.Kind.DELETED)).isEqualTo(12);
            assertThat(report.outcomes()).hasSize(plan.size());
            assertThat(fake.requests("DELETE", ".*", 200)).isEqualTo(12);
            assertThat(await(lib.queue().listScheduledQueue(stage().connection()))
                            .messages())
                    .allSatisfy(m -> assertThat(m.isPaid()).isTrue());
        }
    }

    @Nested
    class AuthenticationAndPermissions {

        @Test
        void givenAWrongApiKey_whenTheQueueIsListed_thenItFailsAsAnAuthenticationError() {
            Library lib = open(Library.against(
                    stage().baseUrl(),
                    "wrong-key-123",
                    stage().clock(),
                    DeletionPolicy.standard(),
                    UnaryOperator.identity()));

            Throwable failure = failureOf(lib.queue().listScheduledQueue(stage().connection()));

            assertThat(failure).isInstanceOfSatisfying(OfAuthException.Authentication.class, e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.type()).contains("UNAUTHORIZED");
                assertThat(e.requestId()).isPresent();
            });
        }

        @Test
        void givenAnUnknownConnection_whenTheQueueIsListed_thenItFailsAsAMissingSession() {
            Library lib = library();

            Throwable failure = failureOf(lib.queue().listScheduledQueue(ConnectionId.of("conn_nobodyhome")));

            assertThat(failure)
                    .isInstanceOfSatisfying(
                            OfAuthException.Authentication.class,
                            e -> assertThat(e.type()).contains("SESSION_NOT_PROVIDED"));
        }

        @Test
        void givenAnExpiredSession_whenTheQueueIsListed_thenTheFailureSaysToRefreshIt() {
            stage().requireFake("needs the bundled expired connection");
            Library lib = library();

            Throwable failure = failureOf(lib.queue().listScheduledQueue(ConnectionId.of("conn_expired")));

            assertThat(failure).isInstanceOfSatisfying(OfAuthException.Authentication.class, e -> {
                assertThat(e.isSessionExpired()).isTrue();
                assertThat(e.actionRequired()).contains("refresh_session");
            });
        }

        @Test
        void givenAReadOnlyConnection_whenAMessageIsDeleted_thenItFailsAsAPermissionErrorAndStays() {
            stage().requireFake("needs the bundled read-only connection");
            Library lib = library();
            MessageRef readonly = new MessageRef(ConnectionId.of("conn_readonly"), MassMessageId.of(7001));

            DeletionOutcome outcome = await(lib.queue().deleteScheduledMassMessage(readonly));

            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            DeletionOutcome.Failed.class,
                            f -> assertThat(f.cause())
                                    .isInstanceOfSatisfying(
                                            OfAuthException.Permission.class,
                                            e -> assertThat(e.type()).contains("FORBIDDEN")));
            assertThat(await(lib.queue().getScheduledMassMessage(readonly))).isPresent();
        }
    }

    @Nested
    class RateLimiting {

        @Test
        void givenTwoHundredMessagesAndALowRateLimit_whenAllAreDeletedInBulk_thenEveryOneGoesAndNoneFailsOnA429(
                @TempDir Path dir) throws Exception {
            TestRecordings.write(dir, 200, List.of("conn_bulk"));
            FakeTarget limited = open(stage().requireLauncher("starts its own rate-limited fake")
                    .launch("--recordings", dir.toString(), "--rate-limit", "3000:30"));
            Library lib = open(Library.against(
                    limited.baseUrl(),
                    TestRecordings.KEY,
                    limited.clock(),
                    DeletionPolicy.standard(),
                    o -> o.rateLimit(new ClientRateLimit(2700, 25))));
            ConnectionId bulk = ConnectionId.of("conn_bulk");

            DeletionPlan plan = await(lib.queue().planDeletion(new PlanDeletionCommand(bulk, MessageSelector.all())));
            DeletionReport report = await(lib.queue().executeDeletionPlan(new ExecuteDeletionPlanCommand(plan)));

            assertThat(plan.toDelete()).hasSize(200);
            assertThat(report.count(DeletionOutcome.Kind.DELETED)).isEqualTo(200);
            assertThat(report.count(DeletionOutcome.Kind.FAILED)).isZero();
            assertThat(limited.requests("DELETE", ".*", 200)).isEqualTo(200);
            assertThat(await(lib.queue().listScheduledQueue(bulk)).isEmpty()).isTrue();
        }
    }

    @Nested
    class Faults {

        /**
         * Each fault hits the first DELETE (or GET) of one message. The documented outcome follows; in every case the
         * fake's journal shows at most one successful DELETE: never a duplicate deletion.
         */
        @ParameterizedTest(name = "{0} on {1} -> {2}, message gone: {3}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "status 503        | DELETE | DELETED | true",
                    "status 429 1      | DELETE | DELETED | true",
                    "status 504        | DELETE | DELETED | true",
                    "htmlError 502     | DELETE | DELETED | true",
                    "noResponse        | DELETE | DELETED | true",
                    "wrongContentType  | DELETE | DELETED | true",
                    "status 500        | DELETE | FAILED  | false",
                    "reset             | DELETE | UNCONFIRMED| false",
                    "closeMidBody      | DELETE | UNCONFIRMED| false",
                    "malformedJson     | DELETE | UNCONFIRMED| false",
                    "malformedJson     | GET    | FAILED  | false",
                    "closeMidBody      | GET    | FAILED  | false",
                    "status 503        | GET    | DELETED | true"
                })
        void givenAFault_whenAMessageIsDeleted_thenTheOutcomeIsTheDocumentedOneAndNeverADuplicateDeletion(
                String action, String method, DeletionOutcome.Kind expected, boolean gone) {
            FakeTarget fake = stage().requireFake("needs the fake's faults");
            String path = method.equals("DELETE")
                    ? "/v2/access/mass-messages/scheduled/" + FREE_WORKOUT.value()
                    : "/v2/access/mass-messages/" + FREE_WORKOUT.value();
            fake.admin().addFault(Fault.matching(method, path).times(1).then(action(action)));
            Library lib = library();

            DeletionOutcome outcome = await(lib.queue().deleteScheduledMassMessage(inQueue(FREE_WORKOUT)));

            assertThat(outcome.kind()).as(outcome + "\n" + fake.journal()).isEqualTo(expected);
            assertThat(await(lib.queue().getScheduledMassMessage(inQueue(FREE_WORKOUT)))
                            .isEmpty())
                    .isEqualTo(gone);
            assertThat(fake.served("DELETE", ".*", 200)).isLessThanOrEqualTo(1).isEqualTo(gone ? 1 : 0);
        }

        /** A fault action from its short name: {@code status 429 1}, {@code htmlError 502}, {@code reset}. */
        static FaultAction action(String spec) {
            String[] words = spec.trim().split("\\s+");
            return switch (words[0]) {
                case "status" ->
                    new FaultAction.Status(
                            Integer.parseInt(words[1]), words.length > 2 ? Integer.parseInt(words[2]) : 0);
                case "htmlError" -> new FaultAction.HtmlError(Integer.parseInt(words[1]));
                case "noResponse" -> new FaultAction.NoResponse();
                case "wrongContentType" -> new FaultAction.WrongContentType();
                case "reset" -> new FaultAction.Reset();
                case "closeMidBody" -> new FaultAction.CloseMidBody();
                case "malformedJson" -> new FaultAction.MalformedJson();
                default -> throw new IllegalArgumentException("no fault action " + spec);
            };
        }

        @Test
        void givenAnAnswerSlowerThanTheTimeout_whenDeleted_thenTheMessageGoesExactlyOnce() {
            FakeTarget fake = stage().requireFake("needs the fake's faults");
            fake.admin()
                    .addFault(Fault.matching("DELETE", null)
                            .times(1)
                            .then(new FaultAction.Latency(Duration.ofMillis(1500), Duration.ofMillis(1500))));
            Library lib = library();

            DeletionOutcome outcome = await(lib.queue().deleteScheduledMassMessage(inQueue(FREE_WORKOUT)));

            assertThat(outcome.isGone()).as(outcome.toString()).isTrue();
            assertThat(await(lib.queue().getScheduledMassMessage(inQueue(FREE_WORKOUT))))
                    .isEmpty();
            assertThat(fake.served("DELETE", ".*", 200)).isEqualTo(1);
        }
    }

    @Nested
    class Isolation {

        @Test
        void givenTwoConnectionsWithTheSameIds_whenBothAreWorkedInParallel_thenEachKeepsExactlyItsOwnSurvivors(
                @TempDir Path dir) throws Exception {
            TestRecordings.write(dir, 20, List.of("conn_alpha", "conn_beta"));
            FakeTarget pair = open(stage().requireLauncher("starts its own two-connection fake")
                    .launch("--recordings", dir.toString()));
            Library lib = open(Library.against(
                    pair.baseUrl(),
                    TestRecordings.KEY,
                    pair.clock(),
                    DeletionPolicy.standard(),
                    UnaryOperator.identity()));
            ConnectionId alpha = ConnectionId.of("conn_alpha");
            ConnectionId beta = ConnectionId.of("conn_beta");
            Set<MassMessageId> evens = LongStream.rangeClosed(1, 20)
                    .filter(i -> i % 2 == 0)
                    .mapToObj(MassMessageId::of)
                    .collect(Collectors.toSet());
            Set<MassMessageId> odds = LongStream.rangeClosed(1, 20)
                    .filter(i -> i % 2 == 1)
                    .mapToObj(MassMessageId::of)
                    .collect(Collectors.toSet());

            CompletableFuture<DeletionReport> alphaRun = lib.queue()
                    .planDeletion(new PlanDeletionCommand(alpha, MessageSelector.ids(evens)))
                    .thenCompose(p -> lib.queue().executeDeletionPlan(new ExecuteDeletionPlanCommand(p)))
                    .toCompletableFuture();
            CompletableFuture<DeletionReport> betaRun = lib.queue()
                    .planDeletion(new PlanDeletionCommand(beta, MessageSelector.ids(odds)))
                    .thenCompose(p -> lib.queue().executeDeletionPlan(new ExecuteDeletionPlanCommand(p)))
                    .toCompletableFuture();

            assertThat(await(alphaRun).count(DeletionOutcome.Kind.DELETED)).isEqualTo(10);
            assertThat(await(betaRun).count(DeletionOutcome.Kind.DELETED)).isEqualTo(10);
            assertThat(await(lib.queue().listScheduledQueue(alpha)).messages())
                    .extracting(ScheduledMassMessage::id)
                    .containsExactlyInAnyOrderElementsOf(odds);
            assertThat(await(lib.queue().listScheduledQueue(beta)).messages())
                    .extracting(ScheduledMassMessage::id)
                    .containsExactlyInAnyOrderElementsOf(evens);
        }
    }

    @Test
    void theSuiteRunsInANonUtcTimeZone() {
        assertThat(ZoneId.systemDefault().getRules().getOffset(Instant.parse("2026-11-01T12:00:00Z")))
                .isNotEqualTo(ZoneOffset.UTC);
    }
}

package dev.ofauthqueue.ports.service;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.MassMessageDraft;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.MassMessageReceipt;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.ports.out.AttemptListener;
import dev.ofauthqueue.ports.out.DeleteRequestOutcome;
import dev.ofauthqueue.ports.out.QueuePage;
import dev.ofauthqueue.ports.out.RateBudget;
import dev.ofauthqueue.ports.out.ScheduleMassMessagePort;
import dev.ofauthqueue.ports.out.ScheduledQueuePort;
import dev.ofauthqueue.ports.out.SendPermit;
import dev.ofauthqueue.testkit.InMemoryScheduledQueuePort;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Forwards every call to an in-memory port; tests override the one call they script. */
class DelegatingPort implements ScheduledQueuePort, ScheduleMassMessagePort {

    final InMemoryScheduledQueuePort target;

    DelegatingPort(InMemoryScheduledQueuePort target) {
        this.target = target;
    }

    @Override
    public CompletionStage<QueuePage> fetchScheduledPage(ConnectionId connection, int offset, int limit) {
        return target.fetchScheduledPage(connection, offset, limit);
    }

    @Override
    public CompletionStage<Optional<ScheduledMassMessage>> fetchMassMessage(ConnectionId connection, MassMessageId id) {
        return target.fetchMassMessage(connection, id);
    }

    @Override
    public CompletionStage<DeleteRequestOutcome> deleteScheduledMassMessage(ConnectionId connection, MassMessageId id) {
        return target.deleteScheduledMassMessage(connection, id);
    }

    @Override
    public CompletionStage<DeleteRequestOutcome> deleteScheduledMassMessage(
            ConnectionId connection, MassMessageId id, AttemptListener attempts) {
        return target.deleteScheduledMassMessage(connection, id, attempts);
    }

    @Override
    public CompletionStage<DeleteRequestOutcome> deleteIfStillScheduled(
            ConnectionId connection, MassMessageId id, SendPermit permit) {
        return target.deleteIfStillScheduled(connection, id, permit);
    }

    @Override
    public RateBudget rateBudget() {
        return target.rateBudget();
    }

    @Override
    public CompletionStage<MassMessageReceipt> scheduleMassMessage(ConnectionId connection, MassMessageDraft draft) {
        return target.scheduleMassMessage(connection, draft);
    }

    @Override
    public CompletionStage<MassMessageReceipt> rescheduleMassMessage(
            ConnectionId connection, MassMessageId id, MassMessageDraft draft) {
        return target.rescheduleMassMessage(connection, id, draft);
    }
}

package dev.ofauthqueue.examples;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobStatus;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.OfAuthQueue;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.StartDeletionJobCommand;
import dev.ofauthqueue.domain.ArchiveQuery;
import dev.ofauthqueue.domain.ArchivedDeletion;
import dev.ofauthqueue.domain.JobItemState;
import dev.ofauthqueue.ports.in.DeletionJobsUseCase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/** README's deletion job: start, watch, await, and read the archive of what it deleted. */
public final class JobsExample {

    private JobsExample() {}

    /**
     * Runs the example.
     *
     * @param args none
     */
    public static void main(String[] args) {
        OfAuthClientOptions options = Examples.demoOptions();
        // tag::readme[]
        try (OfAuthQueue ofauth = OfAuthQueue.builder(options)
                .policy(DeletionPolicy.standard(Duration.ofDays(3))) // keep what goes out within 3 days
                .jobStore(Path.of("jobs.db")) // default: ~/.ofauth-queue/jobs.db
                .build()) {
            DeletionJobsUseCase jobs = ofauth.jobs();
            StartDeletionJobCommand command = StartDeletionJobCommand.of(
                            List.of(ConnectionId.of("conn_demo")),
                            Selection.all().paid(false))
                    .withListener(event -> {
                        if (event.outcome() instanceof DeletionOutcome.Refused kept) {
                            System.out.println(
                                    "kept " + kept.id() + ": " + kept.decision().reason());
                        }
                    });
            DeletionJobId id =
                    jobs.startDeletionJob(command).toCompletableFuture().join();
            DeletionJobStatus done =
                    jobs.awaitDeletionJob(id).toCompletableFuture().join();
            System.out.println("job " + id + " " + done.state() + ": " + done.count(JobItemState.DELETED) + " deleted, "
                    + done.count(JobItemState.REFUSED) + " kept");

            List<ArchivedDeletion> deleted = jobs.deletedMessages(
                            ArchiveQuery.everything().job(id))
                    .toCompletableFuture()
                    .join();
            // Deletions run concurrently: which ends first varies, so show the one with the lowest id.
            ArchivedDeletion lowest = deleted.stream()
                    .min(Comparator.comparing(ArchivedDeletion::id))
                    .orElseThrow();
            System.out.println(deleted.size() + " archived, the lowest id: "
                    + lowest.toJsonLine().substring(0, 60) + "…");
        }
        // end::readme[]
    }
}

package dev.ofauthqueue.examples;

import dev.ofauthqueue.ArchiveQuery;
import dev.ofauthqueue.ArchivedDeletion;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobStatus;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.Jobs;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.OfAuthQueue;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.StartDeletionJobCommand;
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
            Jobs jobs = ofauth.jobs();
            StartDeletionJobCommand command = StartDeletionJobCommand.of(
                            List.of(ConnectionId.of("conn_demo")),
                            Selection.all().paid(false))
                    .withListener(event -> {
                        if (event.outcome() instanceof DeletionOutcome.Refused kept) {
                            System.out.println(
                                    "kept " + kept.id() + ": " + kept.decision().reason());
                        }
                    });
            DeletionJobId id = jobs.start(command);
            DeletionJobStatus done = jobs.await(id);
            System.out.println("job " + id + " " + done.state() + ": " + done.count(JobItemState.DELETED) + " deleted, "
                    + done.count(JobItemState.REFUSED) + " kept");

            List<ArchivedDeletion> deleted =
                    jobs.archive(ArchiveQuery.everything().job(id));
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

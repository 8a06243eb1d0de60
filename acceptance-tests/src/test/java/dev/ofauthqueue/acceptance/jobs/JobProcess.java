package dev.ofauthqueue.acceptance.jobs;

import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.OfAuthQueue;
import dev.ofauthqueue.StartDeletionJobCommand;
import java.nio.file.Path;
import java.util.List;

/**
 * A process that runs one deletion job to its end, for the crash test to kill: {@code BASE_URL DB COUNT CONNECTION...}
 * plans messages 1..COUNT of each connection. It prints {@code job ID} once the plan is stored, then {@code done}.
 */
public final class JobProcess {

    private JobProcess() {}

    public static void main(String[] args) {
        String baseUrl = args[0];
        Path db = Path.of(args[1]);
        int count = Integer.parseInt(args[2]);
        try (OfAuthQueue ofauth = JobSetup.queue(baseUrl, db)) {
            StartDeletionJobCommand command =
                    JobSetup.command(count, List.of(args).subList(3, args.length));
            DeletionJobId id = ofauth.jobUseCases()
                    .startDeletionJob(command)
                    .toCompletableFuture()
                    .join();
            System.out.println("job " + id);
            System.out.flush();
            System.out.println(ofauth.jobUseCases()
                    .awaitDeletionJob(id)
                    .toCompletableFuture()
                    .join());
            System.out.println("done");
        }
    }
}

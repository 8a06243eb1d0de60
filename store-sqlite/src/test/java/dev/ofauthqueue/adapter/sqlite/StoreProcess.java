package dev.ofauthqueue.adapter.sqlite;

import dev.ofauthqueue.DeletionJobId;
import java.nio.file.Path;

/**
 * A second process for the store's tests: {@code open PATH} opens the store and prints what happened;
 * {@code lock PATH JOB} opens the job's work queue (taking its lock), prints {@code locked}, and waits to be killed.
 */
public final class StoreProcess {

    private StoreProcess() {}

    public static void main(String[] args) throws Exception {
        try (SqliteDeletionJobStore store = SqliteDeletionJobStore.open(Path.of(args[1]))) {
            if (args[0].equals("lock")) {
                store.workQueue(DeletionJobId.parse(args[2]));
                System.out.println("locked");
                System.out.flush();
                Thread.sleep(60_000);
            } else {
                System.out.println("opened");
            }
        } catch (RuntimeException e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}

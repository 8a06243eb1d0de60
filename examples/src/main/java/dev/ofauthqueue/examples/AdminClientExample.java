package dev.ofauthqueue.examples;

import dev.ofauthqueue.fake.FakeAdmin;
import dev.ofauthqueue.fake.Fault;
import dev.ofauthqueue.fake.FaultAction;
import dev.ofauthqueue.fake.QueueSnapshot;
import dev.ofauthqueue.fake.client.FakeAdminClient;
import java.time.Duration;

/** README's admin client example: driving a fake in another process. */
public final class AdminClientExample {

    private AdminClientExample() {}

    /**
     * Runs the example.
     *
     * @param args none
     */
    public static void main(String[] args) {
        String baseUrl = System.getenv().getOrDefault("OFAUTH_BASE_URL", "http://127.0.0.1:8080");
        // tag::readme[]
        FakeAdmin admin = FakeAdminClient.to(baseUrl);
        admin.reset();
        admin.advanceClock(Duration.ofHours(3)); // 5001 went out an hour ago
        admin.addFault(Fault.matching("DELETE", ".*").times(1).then(new FaultAction.Status(503, 0)));
        QueueSnapshot queue = admin.queueSnapshot("conn_demo").orElseThrow();
        System.out.println("5001 is " + queue.stateOf(5001).orElseThrow() + ", 5002 is "
                + queue.stateOf(5002).orElseThrow() + "; faults in force: "
                + admin.activeFaults().size());
        admin.reset();
        // end::readme[]
    }
}

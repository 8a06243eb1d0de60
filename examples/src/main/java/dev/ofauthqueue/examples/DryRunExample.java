package dev.ofauthqueue.examples;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionPlan;
import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.DeletionReport;
import dev.ofauthqueue.MessageSelector;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.OfAuthQueue;
import java.time.Duration;

/** README's dry run, then the bulk deletion of what it allows. */
public final class DryRunExample {

    private DryRunExample() {}

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
                .build()) {
            ConnectionId creator = ConnectionId.of("conn_demo");
            DeletionPlan plan = ofauth.plans().plan(creator, MessageSelector.free());
            System.out.println(
                    plan.toDelete().size() + " to delete, " + plan.refused().size() + " kept");
            plan.refused()
                    .forEach(r -> System.out.println("keep " + r.message().id() + ": "
                            + r.decision().reason() + " (" + r.decision().rule() + ")"));

            DeletionReport report = ofauth.plans().execute(plan);
            System.out.println(report.counts());
        }
        // end::readme[]
    }
}

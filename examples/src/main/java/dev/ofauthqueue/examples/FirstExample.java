package dev.ofauthqueue.examples;

// tag::readme[]
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.DeletionRules;
import dev.ofauthqueue.OfAuthQueue;
// end::readme[]

/** README's first example: one deletion and one refusal with its reason, against the fake README starts. */
public final class FirstExample {

    private FirstExample() {}

    /**
     * Runs the example.
     *
     * @param args none
     */
    public static void main(String[] args) {
        // tag::readme[]
        try (OfAuthQueue ofauth = OfAuthQueue.builder("demo-api-key")
                .baseUrl(System.getenv().getOrDefault("OFAUTH_BASE_URL", "http://127.0.0.1:8080"))
                .rule(DeletionRules.neverDeletePaid()) // on top of the standard policy
                .build()) {
            ConnectionId creator = ConnectionId.of("conn_demo");
            for (long id : new long[] {5003, 5001}) { // a free message, then a paid one
                DeletionOutcome outcome = ofauth.messages().delete(creator, id);
                if (outcome instanceof DeletionOutcome.Refused refused) {
                    System.out.println(id + " kept: " + refused.decision().reason() + " ("
                            + refused.decision().rule() + ")");
                } else {
                    System.out.println(id + " " + outcome.kind()); // DELETED, ALREADY_GONE, FAILED or UNCONFIRMED
                }
            }
        }
        // end::readme[]
    }
}

package com.example.embedder;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.DeletionRules;
import dev.ofauthqueue.OfAuthQueue;
import java.io.PrintStream;

/** README's first example as an embedder writes it: four imports, all from the public package. */
public final class FirstDeletion {

    private FirstDeletion() {}

    /**
     * Deletes a free message and keeps a paid one, against {@code OFAUTH_BASE_URL} (else a fake on port 8080).
     *
     * @param args none
     */
    public static void main(String[] args) {
        run(System.getenv().getOrDefault("OFAUTH_BASE_URL", "http://127.0.0.1:8080"), System.out);
    }

    static void run(String baseUrl, PrintStream out) {
        try (OfAuthQueue ofauth = OfAuthQueue.builder("demo-api-key")
                .baseUrl(baseUrl)
                .rule(DeletionRules.neverDeletePaid()) // on top of the standard policy
                .build()) {
            ConnectionId creator = ConnectionId.of("conn_demo");
            for (long id : new long[] {5003, 5001}) { // a free message, then a paid one
                DeletionOutcome outcome = ofauth.messages().delete(creator, id);
                if (outcome instanceof DeletionOutcome.Refused refused) {
                    out.println(id + " kept: " + refused.decision().reason() + " (" + refused.decision().rule() + ")");
                } else {
                    out.println(id + " " + outcome.kind());
                }
            }
        }
    }
}

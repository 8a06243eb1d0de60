package dev.ofauthqueue.cli;

import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.DeletionRules;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Which messages are safe to delete: the standard rules, tuned. */
final class PolicyOptions {

    @Option(
            names = "--safety-margin",
            paramLabel = "DURATION",
            converter = Durations.class,
            description = "Keep messages sent sooner than this (default: 60s). <n>ms|s|m|h|d or ISO-8601.")
    @Nullable
    Duration safetyMargin;

    @Option(names = "--protect-paid", description = "Never delete a message with a price.")
    boolean protectPaid;

    @Option(names = "--protect-purchased", description = "Never delete a message fans have bought.")
    boolean protectPurchased;

    @Option(
            names = "--plan-max-age",
            paramLabel = "DURATION",
            converter = Durations.class,
            description = "Refresh a connection's plan by listing it again when older than this; with --plan, refuse a"
                    + " plan file older than this (exit 5) unless --refresh (default: 5m).")
    Duration planMaxAge = Duration.ofMinutes(5);

    @Option(
            names = "--read-before-delete",
            description = "Read each message just before its DELETE (twice the requests, twice the time).")
    boolean readBeforeDelete;

    DeletionPolicy policy() {
        DeletionPolicy p =
                DeletionPolicy.standard(safetyMargin == null ? DeletionRules.DEFAULT_SAFETY_MARGIN : safetyMargin);
        if (protectPaid) {
            p = p.and(DeletionRules.neverDeletePaid());
        }
        if (protectPurchased) {
            p = p.and(DeletionRules.neverDeleteWithPurchases());
        }
        return p;
    }

    /** Whether a flag of the policy itself was given (a plan file carries its own policy). */
    boolean givenPolicy() {
        return safetyMargin != null || protectPaid || protectPurchased;
    }

    Duration maxPlanAge() {
        if (planMaxAge.isZero()) {
            throw new UsageError("--plan-max-age must be more than zero");
        }
        return planMaxAge;
    }
}

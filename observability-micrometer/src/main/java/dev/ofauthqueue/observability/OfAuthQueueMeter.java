package dev.ofauthqueue.observability;

import dev.ofauthqueue.observability.OfAuthQueueObservation.JobItemKey;
import dev.ofauthqueue.observability.OfAuthQueueObservation.JobKey;
import io.micrometer.common.docs.KeyName;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.docs.MeterDocumentation;

/**
 * Every meter a deletion job's listener registers directly (besides the {@link OfAuthQueueObservation observations},
 * which a meter handler turns into timers): the one place that names them, their type, unit and tags (a test fails
 * when a registered one is missing here). Their tags are the job observations' own keys ({@link JobKey},
 * {@link JobItemKey}), named once. No tag ever carries the API key or a connection id.
 *
 * <pre>{@code
 * double secondsWaited = meterRegistry.get(OfAuthQueueMeter.JOB_BUDGET_WAIT.getName()).timer().totalTime(SECONDS);
 * }</pre>
 */
public enum OfAuthQueueMeter implements MeterDocumentation {

    /**
     * How long a job's connections waited for a token of their rate budget: one record per token (zero when one was
     * there), so its count is the requests jobs paced and its total the time they spent waiting for the budget.
     */
    JOB_BUDGET_WAIT {
        @Override
        public String getName() {
            return "ofauth.job.budget.wait";
        }

        @Override
        public Meter.Type getType() {
            return Meter.Type.TIMER;
        }
    },

    /** 429 answers to a job's requests (the item goes back in line). */
    JOB_RATE_LIMITED {
        @Override
        public String getName() {
            return "ofauth.job.rate.limited";
        }

        @Override
        public Meter.Type getType() {
            return Meter.Type.COUNTER;
        }
    },

    /** How long OFAuth asked to wait in a 429's {@code Retry-After} (or its reset time), when it said. */
    JOB_RETRY_AFTER {
        @Override
        public String getName() {
            return "ofauth.job.retry.after";
        }

        @Override
        public Meter.Type getType() {
            return Meter.Type.TIMER;
        }
    },

    /** Pages of a scheduled queue a job read to list a connection again (its snapshots had grown too old). */
    JOB_LIST_PAGES {
        @Override
        public String getName() {
            return "ofauth.job.list.pages";
        }

        @Override
        public Meter.Type getType() {
            return Meter.Type.COUNTER;
        }

        @Override
        public String getBaseUnit() {
            return "pages";
        }
    },

    /**
     * Items of a shared job this process took over from a process that stopped renewing its lease (died, or paused
     * longer than the lease).
     */
    JOB_LEASE_TAKEOVERS {
        @Override
        public String getName() {
            return "ofauth.job.lease.takeovers";
        }

        @Override
        public Meter.Type getType() {
            return Meter.Type.COUNTER;
        }

        @Override
        public String getBaseUnit() {
            return "items";
        }
    },

    /** Items of a shared job set aside as dead letters: handed out too often without an outcome, left UNCONFIRMED. */
    JOB_DEAD_LETTERS {
        @Override
        public String getName() {
            return "ofauth.job.dead.letters";
        }

        @Override
        public Meter.Type getType() {
            return Meter.Type.COUNTER;
        }

        @Override
        public String getBaseUnit() {
            return "items";
        }
    },

    /**
     * A running job's items in each state (every state, zero included), from its run's start; removed when the run
     * ends.
     */
    JOB_ITEMS {
        @Override
        public String getName() {
            return "ofauth.job.items";
        }

        @Override
        public Meter.Type getType() {
            return Meter.Type.GAUGE;
        }

        @Override
        public String getBaseUnit() {
            return "items";
        }

        @Override
        public KeyName[] getKeyNames() {
            return new KeyName[] {JobKey.JOB, JobItemKey.STATE};
        }
    },

    /**
     * A running job's estimated time left, in seconds: how long its items not yet final take at their connections'
     * rate budgets. Removed when the run ends.
     */
    JOB_TIME_LEFT {
        @Override
        public String getName() {
            return "ofauth.job.time.left";
        }

        @Override
        public Meter.Type getType() {
            return Meter.Type.GAUGE;
        }

        @Override
        public String getBaseUnit() {
            return "seconds";
        }

        @Override
        public KeyName[] getKeyNames() {
            return new KeyName[] {JobKey.JOB};
        }
    };
}

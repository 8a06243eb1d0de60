package dev.ofauthqueue.observability;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Every observation this module emits, with every key it sets: the one place that names them (a test fails when an
 * emitted name or key is missing here). Names and keys follow OpenTelemetry's stable conventions for HTTP clients;
 * OFAuth's own are prefixed {@code ofauth.}. No key ever carries the API key or a connection id.
 *
 * <pre>{@code
 * Timer attempts = meterRegistry.get(OfAuthQueueObservation.HTTP_CLIENT_ATTEMPT.getName()).timer();
 * }</pre>
 */
public enum OfAuthQueueObservation implements ObservationDocumentation {

    /**
     * One HTTP attempt to OFAuth, from its send to its answer (or failure): a retried request is one observation per
     * attempt, as OpenTelemetry's client spans are. Its contextual name (the span's) is {@code METHOD route-template}.
     * As a timer (with Micrometer's default meter handler) its unit is seconds.
     */
    HTTP_CLIENT_ATTEMPT {
        @Override
        public String getName() {
            return "http.client.request";
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return AttemptKey.values();
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return AttemptDetailKey.values();
        }
    },

    /**
     * One deletion the caller asked for ({@code messages().delete}), from its start to its outcome, however many
     * requests (a read, then the DELETE) and attempts it took: a timer of calls by outcome, by the attempts its DELETE
     * took and, for a refusal, its reason and rule. Each of its attempts is an {@link #HTTP_CLIENT_ATTEMPT} of its
     * own.
     */
    DELETION {
        @Override
        public String getName() {
            return "ofauth.deletion";
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return DeletionKey.values();
        }
    },

    /**
     * One item of a deletion job got an outcome (final or not: a 429 puts it back in line): a counter of deletions by
     * outcome and state when a meter handler records it. Its counts for a job add up to the job's report.
     */
    JOB_ITEM {
        @Override
        public String getName() {
            return "ofauth.job.item";
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return JobItemKey.values();
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return JobKey.values();
        }
    },

    /** A connection of a deletion job stopped: OFAuth refused its authentication or permission. */
    JOB_CONNECTION_STOPPED {
        @Override
        public String getName() {
            return "ofauth.job.connection.stopped";
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return new KeyName[0];
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return JobKey.values();
        }
    };

    /** A deletion's keys, each set on every deletion (a value that does not apply is {@code none}). */
    public enum DeletionKey implements KeyName {
        /** {@code ofauth.outcome}: {@code DELETED}, {@code ALREADY_GONE}, {@code REFUSED}, {@code FAILED} or {@code UNCONFIRMED}. */
        OUTCOME {
            @Override
            public String asString() {
                return "ofauth.outcome";
            }
        },
        /** {@code ofauth.refusal.reason}: why it was kept ({@code PROTECTED}, {@code TOO_CLOSE_TO_SEND_TIME}, {@code REFUSED_BY_OFAUTH}, ...). */
        REFUSAL_REASON {
            @Override
            public String asString() {
                return "ofauth.refusal.reason";
            }
        },
        /** {@code ofauth.rule}: the rule that kept it ({@code never-delete-paid}, ...): one of the policy's rules. */
        RULE {
            @Override
            public String asString() {
                return "ofauth.rule";
            }
        },
        /**
         * {@code ofauth.delete.attempts}: how many attempts its DELETE took, {@code 0} (none sent: refused, or gone
         * when read) to the retry policy's {@code maxAttempts} (at most 10); above 1, it was retried.
         */
        ATTEMPTS {
            @Override
            public String asString() {
                return "ofauth.delete.attempts";
            }
        }
    }

    /** A job item's keys that become metric tags, each set on every item. */
    public enum JobItemKey implements KeyName {
        /** {@code ofauth.outcome}: {@code DELETED}, {@code ALREADY_GONE}, {@code REFUSED}, {@code FAILED} or {@code UNCONFIRMED}. */
        OUTCOME {
            @Override
            public String asString() {
                return "ofauth.outcome";
            }
        },
        /** {@code ofauth.item.state}: the item's state after it ({@code DELETED}, {@code PENDING} when put back, ...). */
        STATE {
            @Override
            public String asString() {
                return "ofauth.item.state";
            }
        },
        /** {@code ofauth.refusal.reason}: why the policy kept it ({@code PROTECTED}, ...), {@code none} otherwise. */
        REFUSAL_REASON {
            @Override
            public String asString() {
                return "ofauth.refusal.reason";
            }
        }
    }

    /** A job's keys for traces only. */
    public enum JobKey implements KeyName {
        /** {@code ofauth.job}: the job's id. */
        JOB {
            @Override
            public String asString() {
                return "ofauth.job";
            }
        }
    }

    /**
     * The attempt's keys that become metric tags: each set on every attempt (a value that does not apply is
     * {@value #NONE}, so that every meter of the name has the same tags, as Prometheus wants).
     */
    public enum AttemptKey implements KeyName {
        /** {@code http.request.method}: GET, POST, PUT or DELETE. */
        METHOD {
            @Override
            public String asString() {
                return "http.request.method";
            }
        },
        /** {@code url.template}: the route's template, never a path with an id in it. */
        ROUTE {
            @Override
            public String asString() {
                return "url.template";
            }
        },
        /** {@code server.address}: the host of the base URL. */
        SERVER_ADDRESS {
            @Override
            public String asString() {
                return "server.address";
            }
        },
        /** {@code server.port}: the port of the base URL (443 or 80 when it names none). */
        SERVER_PORT {
            @Override
            public String asString() {
                return "server.port";
            }
        },
        /** {@code http.response.status_code}: the status answered, {@value #NONE} when no answer came. */
        STATUS {
            @Override
            public String asString() {
                return "http.response.status_code";
            }
        },
        /**
         * {@code error.type}: the status when it is 400 or more, the transport failure's kind ({@code TIMEOUT},
         * {@code CONNECT}, ...) when no answer came, {@value #NONE} otherwise.
         */
        ERROR_TYPE {
            @Override
            public String asString() {
                return "error.type";
            }
        },
        /**
         * {@code ofauth.outcome}: what the attempt led to ({@code SUCCEEDED}, {@code ABSENT}, {@code REFUSED},
         * {@code RETRYING}, {@code UNCONFIRMED}, {@code FAILED}), or {@code NOT_SENT} when its time ran out before
         * the request could be written.
         */
        OUTCOME {
            @Override
            public String asString() {
                return "ofauth.outcome";
            }
        };

        /** The value of a key that does not apply to an attempt. */
        public static final String NONE = "none";
    }

    /** The attempt's keys for traces only: too many values to be metric tags. */
    public enum AttemptDetailKey implements KeyName {
        /** {@code http.request.resend_count}: 0 for the first attempt, 1 for the first retry, ... */
        RESEND_COUNT {
            @Override
            public String asString() {
                return "http.request.resend_count";
            }
        },
        /**
         * {@code url.full}: the base URL and the route's template ({@code https://api.ofauth.com/v2/access/mass-messages/{id}}):
         * never a message id, user info or a query; the API key and the connection travel in headers, never here.
         */
        URL_FULL {
            @Override
            public String asString() {
                return "url.full";
            }
        },
        /** {@code ofauth.request_id}: OFAuth's request id, when it answered. */
        REQUEST_ID {
            @Override
            public String asString() {
                return "ofauth.request_id";
            }
        },
        /** {@code ofauth.error.type}: OFAuth's error {@code type} (such as {@code RATE_LIMIT_EXCEEDED}), when it sent one. */
        OFAUTH_ERROR_TYPE {
            @Override
            public String asString() {
                return "ofauth.error.type";
            }
        }
    }
}

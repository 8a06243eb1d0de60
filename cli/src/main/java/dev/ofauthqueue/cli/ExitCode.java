package dev.ofauthqueue.cli;

import dev.ofauthqueue.library.PlanFileException;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.ports.out.OfAuthException;
import java.util.Collection;

/**
 * The exit codes, and the one place that decides them. By precedence: 130, 131, 3, 4, 5, 6, 1, 0; 2 for usage errors,
 * which it gives only while nothing was sent to OFAuth ({@link #honest}). Documented in {@code --help} and docs/command-line.md.
 */
final class ExitCode {

    static final int OK = 0;
    static final int SOME_FAILED = 1;
    static final int USAGE = 2;
    static final int REFUSED_ACCESS = 3;
    static final int UNREACHABLE = 4;
    static final int STALE_PLAN = 5;
    static final int OVER_LIMIT = 6;
    static final int INTERRUPTED = 130;
    static final int CANCELED = 131;

    static final String HELP = """
            Exit codes, by precedence:
              130  interrupted (Ctrl-C); the job stays resumable
              131  the job was canceled from another process; it stays resumable
              3    OFAuth refused the key, the session or the permission (401, 403)
              4    OFAuth (or the job store) could not be reached, or the job store failed
              5    the plan file is older than --plan-max-age: nothing was sent; plan again, or --refresh
              6    the plan deletes more than --max-delete: nothing was deleted
              1    some messages failed or are unconfirmed
              0    otherwise: refusals by the policy are a success, nothing unsafe was done
              2    usage error: nothing was sent to OFAuth""";

    private ExitCode() {}

    /** The code a failure of a whole command means. */
    static int of(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof DeletionJobStoreException store) {
                // A store that does not answer (Redis away) is unreachable, as OFAuth would be; a job that vanished
                // mid-run may have sent DELETEs; the rest is refused before any send (honest() checks that).
                return switch (store.kind()) {
                    case UNAVAILABLE, JOB_LOST -> UNREACHABLE;
                    default -> USAGE;
                };
            }
            if (c instanceof UsageError || c instanceof IllegalArgumentException || c instanceof PlanFileException) {
                return USAGE;
            }
            if (c instanceof OfAuthException) {
                break;
            }
        }
        Throwable t = failure;
        while (t.getCause() != null && !(t instanceof OfAuthException)) {
            t = t.getCause();
        }
        if (t instanceof OfAuthException.Authentication || t instanceof OfAuthException.Permission) {
            return REFUSED_ACCESS;
        }
        if (t instanceof OfAuthException.Transport transport
                && transport.kind() == OfAuthException.Transport.Kind.CONNECT) {
            return UNREACHABLE;
        }
        return SOME_FAILED;
    }

    /**
     * {@code code}, unless it claims a usage error ("nothing was sent") after requests went to OFAuth: then a failure
     * of the job store is 4 and anything else 1. Every exit passes here.
     */
    static int honest(int code, boolean sentAnything, boolean storeFailed) {
        if (code != USAGE || !sentAnything) {
            return code;
        }
        return storeFailed ? UNREACHABLE : SOME_FAILED;
    }

    /** The most serious of several codes. */
    static int worst(Collection<Integer> codes) {
        int worst = OK;
        for (int code : codes) {
            if (rank(code) > rank(worst)) {
                worst = code;
            }
        }
        return worst;
    }

    private static int rank(int code) {
        return switch (code) {
            case INTERRUPTED -> 9;
            case CANCELED -> 8;
            case REFUSED_ACCESS -> 7;
            case UNREACHABLE -> 6;
            case STALE_PLAN -> 5;
            case OVER_LIMIT -> 4;
            case SOME_FAILED -> 3;
            case USAGE -> 2;
            default -> 0;
        };
    }
}

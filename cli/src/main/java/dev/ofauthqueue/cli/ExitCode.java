package dev.ofauthqueue.cli;

import dev.ofauthqueue.ports.out.OfAuthException;
import java.util.Collection;

/** The exit codes, by precedence: 130, 3, 4, 1, 0; 2 for usage errors. Documented in {@code --help}. */
final class ExitCode {

    static final int OK = 0;
    static final int SOME_FAILED = 1;
    static final int USAGE = 2;
    static final int REFUSED_ACCESS = 3;
    static final int UNREACHABLE = 4;
    static final int INTERRUPTED = 130;

    static final String HELP = """
            Exit codes, by precedence:
              130  interrupted (Ctrl-C); the job stays resumable
              3    OFAuth refused the key, the session or the permission (401, 403)
              4    OFAuth (or the job store) could not be reached
              1    some messages failed or are unconfirmed
              0    otherwise: refusals by the policy are a success, nothing unsafe was done
              2    usage error: nothing was sent to OFAuth""";

    private ExitCode() {}

    /** The code a failure of a whole command means. */
    static int of(Throwable failure) {
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
            case INTERRUPTED -> 5;
            case REFUSED_ACCESS -> 4;
            case UNREACHABLE -> 3;
            case SOME_FAILED -> 2;
            case USAGE -> 1;
            default -> 0;
        };
    }
}

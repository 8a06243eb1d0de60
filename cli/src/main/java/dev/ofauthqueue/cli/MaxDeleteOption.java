package dev.ofauthqueue.cli;

import java.util.Map;
import java.util.OptionalInt;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --max-delete N}: how many messages one command may delete at most, checked before its first DELETE. */
final class MaxDeleteOption {

    @Option(
            names = "--max-delete",
            paramLabel = "N",
            converter = MaxDeleteOption.Count.class,
            description = "Refuse, before any DELETE, to delete more than N messages (exit 6; default: no cap).")
    Integer maxDelete;

    /** A whole number of 0 or more, refused when read, before the command lists or sends anything. */
    static final class Count implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            int n = OfAuthQueueCli.wholeNumber(text);
            if (n < 0) {
                throw new TypeConversionException("'" + n + "' is below 0: write 0 or more");
            }
            return n;
        }
    }

    /**
     * Refuses {@code toDelete} deletions when they exceed the cap: prints why (and, with {@code --json}, the summary
     * line) and answers the exit code; empty when within the cap or there is none.
     */
    OptionalInt refuse(Terminal t, boolean json, int toDelete, String what) {
        if (maxDelete == null || toDelete <= maxDelete) {
            return OptionalInt.empty();
        }
        t.err()
                .println("ofauth-queue: " + what + " would delete " + toDelete + " message(s), more than --max-delete "
                        + maxDelete + ". Nothing was deleted: narrow the selection or raise --max-delete.");
        if (json) {
            Map<String, Object> summary = Json.line("summary");
            summary.put("toDelete", toDelete);
            summary.put("maxDelete", maxDelete);
            summary.put("exitCode", ExitCode.OVER_LIMIT);
            t.out().println(Json.write(summary));
        }
        return OptionalInt.of(ExitCode.OVER_LIMIT);
    }
}

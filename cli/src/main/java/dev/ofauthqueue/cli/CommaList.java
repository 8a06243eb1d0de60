package dev.ofauthqueue.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The items of a repeatable comma-separated flag, {@code --ids 5001,5002 --ids 5003}, split here rather than by
 * picocli, whose split drops empty items at the end: {@code --ids 5001,} would quietly mean {@code --ids 5001}, and
 * {@code --ids ,} no flag at all. Every empty item is refused alike, naming the flag.
 */
final class CommaList {

    private CommaList() {}

    /**
     * Splits each value of the flag at its commas.
     *
     * @param flag   the flag, for the error
     * @param values the flag's values as typed, one per use of the flag
     * @return the items, in order, as typed
     * @throws UsageError when an item is empty or blank
     */
    static List<String> items(String flag, List<String> values) {
        List<String> items = new ArrayList<>();
        for (String value : values) {
            for (String item : value.split(",", -1)) {
                if (item.isBlank()) {
                    throw new UsageError(flag + ": an empty item (a comma at either end, or two in a row)");
                }
                items.add(item);
            }
        }
        return items;
    }
}

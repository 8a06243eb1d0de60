package dev.ofauthqueue.elsewhere.archfixture;

import dev.ofauthqueue.fake.internal.store.QueueItems;
import java.time.Instant;

/** Bad on purpose: code outside the fake reaching into its internal packages. */
public class UsingTheFakesInsides {
    Instant parse(String date) {
        return QueueItems.parseDate(date);
    }
}

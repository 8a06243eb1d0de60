package dev.ofauthqueue.domain;

import java.util.Locale;
import java.util.Optional;

/** The kinds of media OFAuth counts in a queue item's {@code mediaTypes}. */
public enum MediaType {
    PHOTO,
    VIDEO,
    GIF,
    AUDIO;

    /** The key OFAuth uses in {@code mediaTypes}: {@code photo}, {@code video}, {@code gif}, {@code audio}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MediaType> fromApiName(String name) {
        for (MediaType type : values()) {
            if (type.apiName().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}

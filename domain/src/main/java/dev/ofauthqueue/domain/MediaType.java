package dev.ofauthqueue.domain;

import java.util.Locale;
import java.util.Optional;

/** The kinds of media OFAuth counts in a queue item's {@code mediaTypes}. */
public enum MediaType {
    /**
     * A photo ({@code photo}).
     */
    PHOTO,
    /**
     * A video ({@code video}).
     */
    VIDEO,
    /**
     * An animated GIF ({@code gif}).
     */
    GIF,
    /**
     * An audio clip ({@code audio}).
     */
    AUDIO;

    /**
     * The key OFAuth uses in {@code mediaTypes}.
     *
     * @return {@code photo}, {@code video}, {@code gif} or {@code audio}
     */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The type OFAuth names {@code name} in {@code mediaTypes}.
     *
     * @param name a key such as {@code photo}
     * @return the type, or empty for a key this library does not know
     */
    public static Optional<MediaType> fromApiName(String name) {
        for (MediaType type : values()) {
            if (type.apiName().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}

package dev.ofauthqueue.domain;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What media a mass message carries: how many of each type ({@code mediaTypes}), the total ({@code mediaCount}),
 * and the ids of the media items and of those shown as free previews.
 *
 * @param countsByType count per type; types absent from the map have none
 * @param mediaCount   OFAuth's {@code mediaCount}
 * @param mediaIds     ids of the attached media, in order
 * @param previewIds   ids of the media used as previews (OFAuth's field of that name)
 */
public record MediaSummary(
        Map<MediaType, Integer> countsByType, int mediaCount, List<Long> mediaIds, List<Long> previewIds) {

    /** No media at all. */
    public static final MediaSummary NONE = new MediaSummary(Map.of(), 0, List.of(), List.of());

    /**
     * Checks the counts and copies the collections; types with a count of zero are dropped from the map.
     *
     * @param countsByType count per type; types absent from the map have none
     * @param mediaCount   OFAuth's {@code mediaCount}
     * @param mediaIds     ids of the attached media, in order
     * @param previewIds   ids of the media used as previews (OFAuth's field of that name)
     * @throws IllegalArgumentException when a count is negative or {@code null}
     */
    public MediaSummary {
        if (mediaCount < 0) {
            throw new IllegalArgumentException("mediaCount must not be negative, was " + mediaCount);
        }
        EnumMap<MediaType, Integer> copy = new EnumMap<>(MediaType.class);
        countsByType.forEach((type, count) -> {
            if (count == null || count < 0) {
                throw new IllegalArgumentException(
                        "count of " + type.apiName() + " must not be negative, was " + count);
            }
            if (count > 0) {
                copy.put(type, count);
            }
        });
        countsByType = Collections.unmodifiableMap(copy);
        mediaIds = List.copyOf(mediaIds);
        previewIds = List.copyOf(previewIds);
    }

    /**
     * How many items of {@code type} the message carries.
     *
     * @param type the media type
     * @return the count, zero when none
     */
    public int count(MediaType type) {
        return countsByType.getOrDefault(type, 0);
    }

    /**
     * Whether the message carries at least one item of {@code type}.
     *
     * @param type the media type
     * @return {@code true} when the count is above zero
     */
    public boolean has(MediaType type) {
        return count(type) > 0;
    }

    /**
     * Whether the message carries no media.
     *
     * @return {@code true} when no type is counted, {@code mediaCount} is zero and no ids are known
     */
    public boolean isEmpty() {
        return mediaCount == 0 && countsByType.isEmpty() && mediaIds.isEmpty();
    }
}

package dev.operon.sdk.recommend;

import java.util.List;

/**
 * What to recommend: for whom, how many, and what to leave out. Since SDK 1.4.
 *
 * @param profileId  the end user's profile id
 * @param count      how many items, 1 to 100
 * @param exclude    item ids never to return
 * @param categories when not empty, only items of these categories
 */
public record RecommendationRequest(long profileId, int count, List<String> exclude, List<String> categories) {

    /** The most items one request may ask for. */
    public static final int MAX_COUNT = 100;

    public RecommendationRequest {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be 1 to " + MAX_COUNT + ", found " + count);
        }
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    /** {@code count} items for a profile, nothing excluded. */
    public static RecommendationRequest of(long profileId, int count) {
        return new RecommendationRequest(profileId, count, List.of(), List.of());
    }
}

package dev.operon.sdk.recommend;

import java.util.List;

/**
 * Items recommended for one end user, offered as a {@link dev.operon.sdk.service.ServiceOffer service} by a
 * recommendation plugin (the built-in {@code recommend} plugin serves its champion model with its business rules)
 * and used by other plugins, for example to show recommended items in a campaign's e-mail. Looked up with
 * {@code context.services().find(Recommendations.class)}; when no active plugin offers it there is nothing to show.
 *
 * <p>Implementations are thread-safe, read only (a list answered here is not recorded as served, so no
 * impression or click is attributed to it) and answer an empty list rather than fail for a user they know
 * nothing about. Since SDK 1.4.
 */
public interface Recommendations {

    /**
     * The best items for the request's user, best first, at most {@link RecommendationRequest#count()} of them.
     *
     * @throws RuntimeException when the recommender cannot answer now (its settings are broken, its store is
     *                          down); callers that must not fail catch it and show nothing
     */
    List<RecommendedItem> top(RecommendationRequest request);

    /** The best {@code count} items for a profile, with the recommender's default rules. */
    default List<RecommendedItem> top(long profileId, int count) {
        return top(RecommendationRequest.of(profileId, count));
    }
}

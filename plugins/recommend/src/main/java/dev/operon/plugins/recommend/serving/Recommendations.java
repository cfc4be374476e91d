package dev.operon.plugins.recommend.serving;

import java.util.List;

/**
 * The answer of {@code recommend} and {@code preview-recommendations}.
 *
 * @param recommendationId put it in the properties of impression and click events ({@code recommendation_id});
 *                         null for a preview (nothing was recorded)
 * @param user             the user as asked
 * @param profileId        the profile the user resolved to, or null for an unknown user
 * @param model            the model version that ranked ({@code recommend.ease v3}), or {@code popular}
 * @param variant          the A/B variant ({@code a}, {@code b}, {@code holdout}) or {@code default}
 * @param coldStart        true when the list is the popular one (no usable history)
 * @param segment          the segment whose popular list was used, or null
 * @param items            best first
 */
public record Recommendations(String recommendationId, String user, Long profileId, String model, String variant,
                              boolean coldStart, String segment, List<Recommended> items) {

    /**
     * One recommended item.
     *
     * @param rank      1 first
     * @param itemId    the item's id
     * @param title     its title from the catalogue, or null
     * @param category  its category, or null
     * @param score     the model's score (or the popular list's), comparable within one answer only
     * @param relevance the score scaled to [0, 1] in this answer plus boosts: what the order follows
     * @param reason    why, for people: "because you viewed X", "popular in segment Y"
     * @param because   the history item the reason names, or null
     */
    public record Recommended(int rank, String itemId, String title, String category, double score, double relevance,
                              String reason, String because) {
    }
}

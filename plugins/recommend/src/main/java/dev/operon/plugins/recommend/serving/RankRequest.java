package dev.operon.plugins.recommend.serving;

import java.util.List;
import java.util.Set;

/**
 * What one ranking is asked for, in the served model's indexes.
 *
 * @param user              the user's index in the model, or -1
 * @param history           the user's items (model indexes), oldest first
 * @param historyVerbs      per history item, how the user met it ("viewed", "bought"), for reasons; may be null
 * @param n                 how many items
 * @param excluded          model indexes never to return (already seen or bought, the request's exclude list)
 * @param onlyCategories    when not empty, only items of these categories
 * @param excludeCategories items of these categories are left out
 * @param boosts            relevance boosts by property
 * @param maxPerCategory    at most this many items of one category (0: no cap)
 * @param diversity         MMR trade-off: 0 ranks by relevance only, 1 by novelty against the items chosen only
 */
public record RankRequest(int user, int[] history, String[] historyVerbs, int n, int[] excluded,
                          Set<String> onlyCategories, Set<String> excludeCategories, List<Boost> boosts,
                          int maxPerCategory, double diversity) {

    public RankRequest {
        excluded = excluded == null ? new int[0] : excluded;
        onlyCategories = onlyCategories == null ? Set.of() : onlyCategories;
        excludeCategories = excludeCategories == null ? Set.of() : excludeCategories;
        boosts = boosts == null ? List.of() : boosts;
    }

    /** True when the ranking needs more candidates than n (boosts or diversity may reorder them). */
    boolean reranks() {
        return !boosts.isEmpty() || maxPerCategory > 0 || diversity > 0;
    }
}

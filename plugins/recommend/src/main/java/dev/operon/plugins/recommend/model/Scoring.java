package dev.operon.plugins.recommend.model;

import java.util.Arrays;
import java.util.List;

/** Turns id-based queries into index-based calls of a {@link Recommender}. */
public final class Scoring {

    private Scoring() {
    }

    /** Scores for a user or similarities to an item, as the query asks. */
    public static RecommenderScores answer(Recommender recommender, RecommenderQuery query) {
        float[] out = new float[recommender.items().size()];
        if (query.similarTo() != null) {
            int item = recommender.items().indexOf(query.similarTo());
            if (item < 0) {
                throw new IllegalArgumentException("item '" + query.similarTo() + "' is unknown to the model");
            }
            ItemSimilarity similarity = recommender.similarity().orElseThrow(() -> new IllegalArgumentException(
                    "a " + recommender.kind().id() + " model has no item similarity"));
            similarity.similar(item, out);
            out[item] = Float.NEGATIVE_INFINITY;
            return new RecommenderScores(recommender, out, true);
        }
        recommender.score(recommender.users().indexOf(query.user()), indexes(recommender.items(), query.history()),
                out);
        return new RecommenderScores(recommender, out, false);
    }

    /** The indexes of the known ids among {@code ids}, in order. */
    public static int[] indexes(IdIndex index, List<String> ids) {
        int[] out = new int[ids.size()];
        int n = 0;
        for (String id : ids) {
            int i = index.indexOf(id);
            if (i >= 0) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }
}

package dev.operon.plugins.recommend.model;

import java.util.List;

/**
 * One score per item of the serving model (aligned with {@link #getItems()}), plus the model itself for callers
 * that need more (embeddings, similarity). Not a record on purpose: only the getters are JSON, the model is not.
 */
public final class RecommenderScores {

    private final Recommender recommender;
    private final float[] scores;
    private final boolean similarity;

    public RecommenderScores(Recommender recommender, float[] scores, boolean similarity) {
        this.recommender = recommender;
        this.scores = scores;
        this.similarity = similarity;
    }

    /** The model kind's name, such as {@code ease}. */
    public String getKind() {
        return recommender.kind().id();
    }

    /** The item ids, by index (shared with the model: read-only). */
    public List<String> getItems() {
        return recommender.items().ids();
    }

    /** One score per item; for a similarity query the queried item's own value is {@code -Infinity}. */
    public float[] getScores() {
        return scores;
    }

    /** True when these are similarities to an item rather than scores for a user. */
    public boolean isSimilarity() {
        return similarity;
    }

    /** The model that produced the scores (loaded, shared, thread-safe). */
    public Recommender recommender() {
        return recommender;
    }
}

package dev.operon.plugins.recommend.model;

/** How alike items are, by a model's own measure (higher is more alike). Thread-safe. */
public interface ItemSimilarity {

    /**
     * Scores every item by its similarity to {@code item}.
     *
     * @param item an index in the model's {@link Recommender#items()}
     * @param out  receives one value per item; the value for {@code item} itself is meaningless (exclude it)
     */
    void similar(int item, float[] out);
}

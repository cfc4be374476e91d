package dev.operon.plugins.recommend.model;

/**
 * A model whose score is a dot product: {@code score(item) = query(user, history) . itemVector(item)}. Item biases,
 * when the model has them, are folded into the vectors (an extra dimension where the query holds 1), so an inner
 * product index over {@link #itemVectors()} ranks exactly like {@link Recommender#score}. Thread-safe.
 */
public interface EmbeddingView {

    /** Length of every vector. */
    int dimension();

    /**
     * Every item's vector, item {@code i} at {@code [i * dimension(), (i + 1) * dimension())}. Shared and read-only:
     * never modify it.
     */
    float[] itemVectors();

    /**
     * The query vector of one user.
     *
     * @param user    index in the model's users, or -1 when unknown
     * @param history item indexes, oldest first
     * @param out     receives {@link #dimension()} values
     */
    void query(int user, int[] history, float[] out);
}

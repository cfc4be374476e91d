package dev.operon.plugins.recommend.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A trained recommendation model: scores every item it knows for one user. Implementations are immutable after
 * training or loading and thread-safe: {@link #score} may be called from many threads at once.
 *
 * <p>Indexes are the model's own: {@link #users()} and {@link #items()} map opaque ids to them. Higher scores are
 * better; scores are comparable within one call only (not across users or models). Excluding items the user already
 * has, filters and business rules are the caller's job.
 */
public interface Recommender extends AutoCloseable {

    /** Which model this is. */
    ModelKind kind();

    /** The users seen in training; {@link #score}'s {@code user} is an index of this map. */
    IdIndex users();

    /** The items it can recommend; score arrays are indexed like this map. */
    IdIndex items();

    /**
     * Scores every item for one user.
     *
     * @param user    the user's index in {@link #users()}, or -1 for a user unknown to the model (then only the
     *                history counts)
     * @param history the user's items (indexes in {@link #items()}), oldest first; may be empty; unknown items
     *                must be left out by the caller
     * @param out     receives one score per item; length at least {@code items().size()}
     */
    void score(int user, int[] history, float[] out);

    /** Item-to-item similarity for "similar items", when the model has one. */
    default Optional<ItemSimilarity> similarity() {
        return Optional.empty();
    }

    /**
     * The model as vectors (a user query vector, one vector per item, score = dot product), when it is one: what
     * an approximate nearest-neighbour index needs.
     */
    default Optional<EmbeddingView> embeddings() {
        return Optional.empty();
    }

    /** Writes the model's own state to {@code directory}; use {@link RecommenderFiles#save} to save a model. */
    void saveState(Path directory) throws IOException;

    /** Releases native memory, if any. */
    @Override
    default void close() {
    }
}

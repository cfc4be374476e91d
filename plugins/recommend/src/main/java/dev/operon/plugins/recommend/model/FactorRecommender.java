package dev.operon.plugins.recommend.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * A matrix-factorisation model (BPR, iALS): one vector per user and per item, {@code score = user . item}. A user unknown
 * to the model is folded in as the mean of its history's item vectors.
 */
public final class FactorRecommender extends BaseRecommender {

    static final String USER_VECTORS = "user-vectors.bin";
    static final String ITEM_VECTORS = "item-vectors.bin";
    private final int dimension;
    private final float[] userVectors;
    private final float[] itemVectors;

    public FactorRecommender(IdIndex users, IdIndex items, int dimension, float[] userVectors,
                             float[] itemVectors) {
        this(ModelKind.BPR, users, items, dimension, userVectors, itemVectors);
    }

    /** A factor model of another kind ({@link ModelKind#IALS}), saved and scored as BPR's is. */
    public FactorRecommender(ModelKind kind, IdIndex users, IdIndex items, int dimension, float[] userVectors,
                             float[] itemVectors) {
        super(kind, users, items);
        if (userVectors.length != users.size() * dimension || itemVectors.length != items.size() * dimension) {
            throw new IllegalArgumentException("one vector of " + dimension + " per user and per item expected");
        }
        this.dimension = dimension;
        this.userVectors = userVectors;
        this.itemVectors = itemVectors;
    }

    static FactorRecommender load(ModelKind kind, IdIndex users, IdIndex items, Path directory)
            throws IOException {
        float[] u = ArrayFiles.readFloats(directory.resolve(USER_VECTORS));
        float[] v = ArrayFiles.readFloats(directory.resolve(ITEM_VECTORS));
        int dimension = items.size() == 0 ? 0 : v.length / items.size();
        return new FactorRecommender(kind, users, items, dimension, u, v);
    }

    @Override
    public void score(int user, int[] history, float[] out) {
        float[] query = new float[dimension];
        query(user, history, query);
        Vectors.dotAll(itemVectors, dimension, items.size(), query, out);
    }

    private void query(int user, int[] history, float[] out) {
        if (user >= 0 && user < users.size()) {
            System.arraycopy(userVectors, user * dimension, out, 0, dimension);
            return;
        }
        Arrays.fill(out, 0, dimension, 0f);
        for (int h : history) {
            for (int d = 0; d < dimension; d++) {
                out[d] += itemVectors[h * dimension + d];
            }
        }
        if (history.length > 0) {
            for (int d = 0; d < dimension; d++) {
                out[d] /= history.length;
            }
        }
    }

    @Override
    public Optional<EmbeddingView> embeddings() {
        return Optional.of(new EmbeddingView() {
            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public float[] itemVectors() {
                return itemVectors;
            }

            @Override
            public void query(int user, int[] history, float[] out) {
                FactorRecommender.this.query(user, history, out);
            }
        });
    }

    @Override
    public Optional<ItemSimilarity> similarity() {
        return Optional.of((item, out) -> Vectors.cosineAll(itemVectors, dimension, items.size(), item, out));
    }

    @Override
    public void saveState(Path directory) throws IOException {
        ArrayFiles.writeFloats(directory.resolve(USER_VECTORS), userVectors);
        ArrayFiles.writeFloats(directory.resolve(ITEM_VECTORS), itemVectors);
    }
}

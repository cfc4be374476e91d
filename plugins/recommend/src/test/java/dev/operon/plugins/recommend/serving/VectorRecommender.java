package dev.operon.plugins.recommend.serving;

import dev.operon.plugins.recommend.model.BaseRecommender;
import dev.operon.plugins.recommend.model.EmbeddingView;
import dev.operon.plugins.recommend.model.IdIndex;
import dev.operon.plugins.recommend.model.ModelKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A small dot-product recommender built on the contract's own types, for serving tests: a user's query is their
 * vector plus the mean of their history items' vectors; an item's score is the inner product with its vector.
 */
final class VectorRecommender extends BaseRecommender implements EmbeddingView {

    private final float[] userVectors;
    private final float[] itemVectors;
    private final int dim;

    VectorRecommender(IdIndex users, IdIndex items, float[] userVectors, float[] itemVectors, int dim) {
        super(ModelKind.BPR, users, items);
        this.userVectors = userVectors;
        this.itemVectors = itemVectors;
        this.dim = dim;
    }

    /** Random vectors: items {@code i0..}, users {@code p:1..}. */
    static VectorRecommender random(int userCount, int itemCount, int dim, long seed) {
        Random random = new Random(seed);
        List<String> u = new ArrayList<>();
        for (int i = 1; i <= userCount; i++) {
            u.add("p:" + i);
        }
        List<String> it = new ArrayList<>();
        for (int i = 0; i < itemCount; i++) {
            it.add("i" + i);
        }
        float[] uv = new float[userCount * dim];
        float[] iv = new float[itemCount * dim];
        for (int i = 0; i < uv.length; i++) {
            uv[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < iv.length; i++) {
            iv[i] = (float) random.nextGaussian();
        }
        return new VectorRecommender(IdIndex.of(u), IdIndex.of(it), uv, iv, dim);
    }

    @Override
    public void score(int user, int[] history, float[] out) {
        float[] q = new float[dim];
        query(user, history, q);
        for (int i = 0; i < items.size(); i++) {
            float s = 0;
            for (int k = 0; k < dim; k++) {
                s += q[k] * itemVectors[i * dim + k];
            }
            out[i] = s;
        }
    }

    @Override
    public Optional<EmbeddingView> embeddings() {
        return Optional.of(this);
    }

    @Override
    public void saveState(Path directory) {
        throw new UnsupportedOperationException("a test model");
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public float[] itemVectors() {
        return itemVectors;
    }

    @Override
    public void query(int user, int[] history, float[] out) {
        java.util.Arrays.fill(out, 0, dim, 0);
        if (user >= 0) {
            for (int k = 0; k < dim; k++) {
                out[k] += userVectors[user * dim + k];
            }
        }
        for (int h : history) {
            for (int k = 0; k < dim; k++) {
                out[k] += itemVectors[h * dim + k] / history.length;
            }
        }
    }
}

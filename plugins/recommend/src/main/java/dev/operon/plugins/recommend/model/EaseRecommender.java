package dev.operon.plugins.recommend.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * EASE (Steck, 2019): a linear item-to-item model with a zero diagonal, {@code score = history . B}, where B comes
 * in closed form from the regularised Gram matrix. Dense: items x items floats. The same shape serves the other
 * closed-form linear autoencoders ({@link ModelKind#EDLAE}): only how B was fitted differs.
 */
public final class EaseRecommender extends BaseRecommender {

    static final String FILE = "ease-weights.bin";
    private final float[] weights;
    private final int n;

    /** @param weights row-major items x items matrix B, {@code B[i][j]} = how much having i scores j */
    public EaseRecommender(IdIndex users, IdIndex items, float[] weights) {
        this(ModelKind.EASE, users, items, weights);
    }

    /** A linear item-to-item model of another kind ({@link ModelKind#EDLAE}), saved and scored as EASE is. */
    public EaseRecommender(ModelKind kind, IdIndex users, IdIndex items, float[] weights) {
        super(kind, users, items);
        this.n = items.size();
        if (weights.length != (long) n * n) {
            throw new IllegalArgumentException("EASE weights must be items x items");
        }
        this.weights = weights;
    }

    static EaseRecommender load(ModelKind kind, IdIndex users, IdIndex items, Path directory) throws IOException {
        return new EaseRecommender(kind, users, items, ArrayFiles.readFloats(directory.resolve(FILE)));
    }

    @Override
    public void score(int user, int[] history, float[] out) {
        java.util.Arrays.fill(out, 0, n, 0f);
        for (int i : history) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                out[j] += weights[row + j];
            }
        }
    }

    @Override
    public Optional<ItemSimilarity> similarity() {
        return Optional.of((item, out) -> System.arraycopy(weights, item * n, out, 0, n));
    }

    @Override
    public void saveState(Path directory) throws IOException {
        ArrayFiles.writeFloats(directory.resolve(FILE), weights);
    }
}

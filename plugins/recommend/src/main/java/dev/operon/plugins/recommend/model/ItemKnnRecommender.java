package dev.operon.plugins.recommend.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Item-based nearest neighbours: each item keeps its k most similar items (cosine with shrinkage);
 * {@code score(j) = sum over history items h of sim(h, j)} for the j among h's neighbours.
 */
public final class ItemKnnRecommender extends BaseRecommender {

    static final String NEIGHBOURS = "knn-neighbours.bin";
    static final String SIMILARITIES = "knn-similarities.bin";
    private final int k;
    private final int[] neighbours;
    private final float[] similarities;

    /**
     * @param k            neighbours per item
     * @param neighbours   item i's neighbours at {@code [i * k, (i + 1) * k)}, -1 where it has fewer
     * @param similarities aligned with {@code neighbours}
     */
    public ItemKnnRecommender(IdIndex users, IdIndex items, int k, int[] neighbours, float[] similarities) {
        this(ModelKind.ITEM_KNN, users, items, k, neighbours, similarities);
    }

    /**
     * Any model that is a list of weighted neighbours per item (item-kNN, RP3beta), saved and scored the same way.
     *
     * @param kind which model the neighbours come from
     */
    public ItemKnnRecommender(ModelKind kind, IdIndex users, IdIndex items, int k, int[] neighbours,
                              float[] similarities) {
        super(kind, users, items);
        if (neighbours.length != items.size() * k || similarities.length != neighbours.length) {
            throw new IllegalArgumentException("k neighbours per item expected");
        }
        this.k = k;
        this.neighbours = neighbours;
        this.similarities = similarities;
    }

    static ItemKnnRecommender load(ModelKind kind, IdIndex users, IdIndex items, Path directory) throws IOException {
        int[] neighbours = ArrayFiles.readInts(directory.resolve(NEIGHBOURS));
        float[] similarities = ArrayFiles.readFloats(directory.resolve(SIMILARITIES));
        int k = items.size() == 0 ? 0 : neighbours.length / items.size();
        return new ItemKnnRecommender(kind, users, items, k, neighbours, similarities);
    }

    /** Neighbours kept per item. */
    public int neighbourCount() {
        return k;
    }

    @Override
    public void score(int user, int[] history, float[] out) {
        Arrays.fill(out, 0, items.size(), 0f);
        for (int h : history) {
            for (int p = h * k; p < (h + 1) * k; p++) {
                int j = neighbours[p];
                if (j < 0) {
                    break;
                }
                out[j] += similarities[p];
            }
        }
    }

    @Override
    public Optional<ItemSimilarity> similarity() {
        return Optional.of((item, out) -> {
            Arrays.fill(out, 0, items.size(), 0f);
            for (int p = item * k; p < (item + 1) * k && neighbours[p] >= 0; p++) {
                out[neighbours[p]] = similarities[p];
            }
        });
    }

    @Override
    public void saveState(Path directory) throws IOException {
        ArrayFiles.writeInts(directory.resolve(NEIGHBOURS), neighbours);
        ArrayFiles.writeFloats(directory.resolve(SIMILARITIES), similarities);
    }
}

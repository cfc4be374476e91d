package dev.operon.plugins.recommend.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Scores each item by how many users interacted with it (ties broken by total weight): the same list for
 * everyone, the baseline every other model must beat and the fallback for users without history.
 */
public final class PopularityRecommender extends BaseRecommender {

    static final String FILE = "popularity.bin";
    private final float[] popularity;

    public PopularityRecommender(IdIndex users, IdIndex items, float[] popularity) {
        super(ModelKind.POPULARITY, users, items);
        if (popularity.length != items.size()) {
            throw new IllegalArgumentException("one popularity value per item expected");
        }
        this.popularity = popularity;
    }

    /** Counts users per item in {@code data}. */
    public static PopularityRecommender train(Interactions data) {
        float[] counts = new float[data.itemCount()];
        double[] weights = new double[data.itemCount()];
        double maxWeight = 0;
        for (int u = 0; u < data.userCount(); u++) {
            for (int k = 0; k < data.count(u); k++) {
                int item = data.itemAt(u, k);
                counts[item] += 1;
                weights[item] += data.weightAt(u, k);
                maxWeight = Math.max(maxWeight, weights[item]);
            }
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += maxWeight > 0 ? (float) (0.5 * weights[i] / maxWeight) : 0f;
        }
        return new PopularityRecommender(data.users(), data.items(), counts);
    }

    static PopularityRecommender load(IdIndex users, IdIndex items, Path directory) throws IOException {
        return new PopularityRecommender(users, items, ArrayFiles.readFloats(directory.resolve(FILE)));
    }

    @Override
    public void score(int user, int[] history, float[] out) {
        System.arraycopy(popularity, 0, out, 0, popularity.length);
    }

    /** The popularity of every item (read-only). */
    public float[] popularity() {
        return popularity;
    }

    @Override
    public void saveState(Path directory) throws IOException {
        ArrayFiles.writeFloats(directory.resolve(FILE), popularity);
    }
}

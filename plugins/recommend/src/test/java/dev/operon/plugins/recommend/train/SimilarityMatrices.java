package dev.operon.plugins.recommend.train;

import dev.operon.plugins.recommend.model.ItemSimilarity;
import dev.operon.plugins.recommend.model.Recommender;

/** Item-to-item models' learned matrices, read through their similarity view, for the trainers' tests. */
final class SimilarityMatrices {

    private SimilarityMatrices() {
    }

    /** The n × n matrix row by row; closes the model. */
    static float[] dense(Recommender model) {
        int n = model.items().size();
        ItemSimilarity similarity = model.similarity().orElseThrow();
        float[] all = new float[n * n];
        float[] row = new float[n];
        for (int i = 0; i < n; i++) {
            similarity.similar(i, row);
            System.arraycopy(row, 0, all, i * n, n);
        }
        model.close();
        return all;
    }
}

package dev.operon.plugins.recommend.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.recommend.model.TopItems;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The approximate index finds what exact scoring finds: recall@10 at least 0.95 on random data. */
class HnswIndexTest {

    /** Serving's own settings (links, build and search candidates) on 10k random 32-dimensional items. */
    @Test
    void recallAt10AgainstExactInnerProductIsAtLeast095() {
        int items = 10_000;
        int dim = 32;
        Random random = new Random(7);
        float[] vectors = new float[items * dim];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = (float) random.nextGaussian();
        }
        // item norms vary, as with biases folded in: inner product is not cosine
        for (int i = 0; i < items; i++) {
            float scale = 0.5f + random.nextFloat();
            for (int k = 0; k < dim; k++) {
                vectors[i * dim + k] *= scale;
            }
        }
        ServedModels.Settings settings = ServedModels.Settings.DEFAULT;
        HnswIndex index = HnswIndex.build(vectors, dim, settings.links(), settings.efConstruction(), 42);
        int queries = 200;
        int found = 0;
        float[] scores = new float[items];
        for (int q = 0; q < queries; q++) {
            float[] query = new float[dim];
            for (int k = 0; k < dim; k++) {
                query[k] = (float) random.nextGaussian();
            }
            for (int i = 0; i < items; i++) {
                scores[i] = Ranker.dot(query, vectors, i * dim, dim);
            }
            int[] exact = TopItems.top(scores, items, 10, i -> true);
            int[] approximate = index.search(query, 10, Ranker.SEARCH_EF, null);
            assertEquals(10, approximate.length);
            for (int e : exact) {
                if (Arrays.stream(approximate).anyMatch(a -> a == e)) {
                    found++;
                }
            }
        }
        double recall = found / (queries * 10.0);
        assertTrue(recall >= 0.95, "recall@10 " + recall);
    }

    @Test
    void filteredSearchReturnsOnlyAllowedItemsAndTheBestOfThem() {
        int items = 3000;
        int dim = 8;
        Random random = new Random(3);
        float[] vectors = new float[items * dim];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = (float) random.nextGaussian();
        }
        HnswIndex index = HnswIndex.build(vectors, dim, 12, 80, 1);
        float[] query = new float[dim];
        Arrays.fill(query, 1f);
        int[] found = index.search(query, 10, 200, i -> i % 3 == 0);
        assertEquals(10, found.length);
        for (int i : found) {
            assertEquals(0, i % 3);
        }
        float[] scores = new float[items];
        for (int i = 0; i < items; i++) {
            scores[i] = Ranker.dot(query, vectors, i * dim, dim);
        }
        int[] exact = TopItems.top(scores, items, 10, i -> i % 3 == 0);
        long common = Arrays.stream(found).filter(f -> Arrays.stream(exact).anyMatch(e -> e == f)).count();
        assertTrue(common >= 9, "filtered recall " + common + "/10");
    }
}

package dev.operon.plugins.recommend.train;

import dev.operon.plugins.recommend.model.Interactions;

/**
 * {@code X'X} of the interaction weights (row-major, items x items), kept for the last interactions it was asked
 * for: a trainer's grid fits the same data once per entry, and the matrix is the costly part they share. One per
 * trainer instance; thread-safe.
 */
final class GramMatrix {

    private Interactions of;
    private float[] gram;

    /** The matrix of {@code data}, computed again only when {@code data} is not the last one asked for. */
    synchronized float[] of(Interactions data) {
        if (of != data) {
            gram = compute(data);
            of = data;
        }
        return gram;
    }

    static float[] compute(Interactions data) {
        int n = data.itemCount();
        float[] g = new float[n * n];
        for (int u = 0; u < data.userCount(); u++) {
            int count = data.count(u);
            for (int a = 0; a < count; a++) {
                int i = data.itemAt(u, a);
                float wi = data.weightAt(u, a);
                int row = i * n;
                for (int c = 0; c < count; c++) {
                    g[row + data.itemAt(u, c)] += wi * data.weightAt(u, c);
                }
            }
        }
        return g;
    }
}

package dev.operon.plugins.recommend.train;

import dev.operon.plugins.recommend.model.Interactions;

/** Test helper: each user's items without the last {@code dropLast} (by time). */
final class SplitsAccess {

    private SplitsAccess() {
    }

    static Interactions firstParts(Interactions data, int dropLast) {
        int[][] keep = new int[data.userCount()][];
        for (int u = 0; u < data.userCount(); u++) {
            int n = Math.max(0, data.count(u) - dropLast);
            keep[u] = new int[n];
            for (int k = 0; k < n; k++) {
                keep[u][k] = k;
            }
        }
        return data.subset(keep);
    }
}

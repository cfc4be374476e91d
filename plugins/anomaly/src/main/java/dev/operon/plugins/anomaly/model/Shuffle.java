package dev.operon.plugins.anomaly.model;

import java.util.Random;

/** The training order of the model trainers' windows: an in-place Fisher-Yates shuffle from a seeded source. */
final class Shuffle {

    private Shuffle() {
    }

    static void inPlace(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}

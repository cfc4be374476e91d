package dev.operon.plugins.recommend.train;

import dev.operon.plugins.recommend.model.Interactions;
import java.util.Random;

/** Ways to hold out part of each user's interactions; every part keeps the same user and item indexes. */
public final class Splits {

    /** Parts of a split, in order (for example train, validation, test). */
    public record Parts(Interactions[] parts) {
        public Interactions part(int i) {
            return parts[i];
        }
    }

    private Splits() {
    }

    /**
     * RecBole's random ordering split: each user's interactions are shuffled (one {@link Random} with {@code seed}
     * for all users, in user order) and cut by {@code ratios}; the later parts get {@code floor(ratio * n)} each and
     * the first part the rest.
     */
    public static Parts randomPerUser(Interactions data, double[] ratios, long seed) {
        Random random = new Random(seed);
        int parts = ratios.length;
        int[][][] keep = new int[parts][data.userCount()][];
        for (int u = 0; u < data.userCount(); u++) {
            int n = data.count(u);
            int[] order = shuffled(n, random);
            int[] sizes = new int[parts];
            int rest = n;
            for (int p = 1; p < parts; p++) {
                sizes[p] = (int) Math.floor(ratios[p] * n);
                rest -= sizes[p];
            }
            sizes[0] = rest;
            int at = 0;
            for (int p = 0; p < parts; p++) {
                keep[p][u] = sorted(java.util.Arrays.copyOfRange(order, at, at + sizes[p]));
                at += sizes[p];
            }
        }
        Interactions[] out = new Interactions[parts];
        for (int p = 0; p < parts; p++) {
            out[p] = data.subset(keep[p]);
        }
        return new Parts(out);
    }

    /**
     * A validation split carved from training data: users with at least {@code minItems} interactions give
     * {@code max(1, round(fraction * n))} random ones to validation; the rest stays for fitting.
     */
    public static Parts validation(Interactions data, double fraction, int minItems, long seed) {
        Random random = new Random(seed);
        int[][] fit = new int[data.userCount()][];
        int[][] held = new int[data.userCount()][];
        for (int u = 0; u < data.userCount(); u++) {
            int n = data.count(u);
            int[] order = shuffled(n, random);
            int out = n >= minItems ? Math.max(1, (int) Math.round(fraction * n)) : 0;
            held[u] = sorted(java.util.Arrays.copyOfRange(order, 0, out));
            fit[u] = sorted(java.util.Arrays.copyOfRange(order, out, n));
        }
        return new Parts(new Interactions[] {data.subset(fit), data.subset(held)});
    }

    /** Leave-one-out by time: each user's last item is the test, the one before validation, the rest training. */
    public static Parts leaveLastOut(Interactions data, int minItems) {
        int[][] train = new int[data.userCount()][];
        int[][] valid = new int[data.userCount()][];
        int[][] test = new int[data.userCount()][];
        for (int u = 0; u < data.userCount(); u++) {
            int n = data.count(u);
            if (n < Math.max(3, minItems)) {
                train[u] = range(0, n);
                valid[u] = new int[0];
                test[u] = new int[0];
            } else {
                train[u] = range(0, n - 2);
                valid[u] = new int[] {n - 2};
                test[u] = new int[] {n - 1};
            }
        }
        return new Parts(new Interactions[] {data.subset(train), data.subset(valid), data.subset(test)});
    }

    private static int[] shuffled(int n, Random random) {
        int[] order = range(0, n);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static int[] range(int from, int to) {
        int[] out = new int[Math.max(0, to - from)];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }

    private static int[] sorted(int[] values) {
        java.util.Arrays.sort(values);
        return values;
    }
}

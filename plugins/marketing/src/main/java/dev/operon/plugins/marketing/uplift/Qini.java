package dev.operon.plugins.marketing.uplift;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The Qini coefficient of an uplift ranking: users sorted by predicted uplift, highest first; after the top k the
 * Qini curve is {@code Y_t(k) - Y_c(k) * N_t(k) / N_c(k)} (treated conversions minus control conversions scaled to
 * the treated count). The coefficient is the area between that curve and the straight line from (0, 0) to the
 * curve's end (random targeting), divided by the number of users: positive when the ranking finds the persuadable
 * first, about 0 for a random ranking.
 */
public final class Qini {

    private Qini() {
    }

    public static double coefficient(double[] score, boolean[] treated, boolean[] outcome) {
        int n = score.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -score[i]));
        double nt = 0;
        double nc = 0;
        double yt = 0;
        double yc = 0;
        double[] curve = new double[n + 1];
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (treated[i]) {
                nt++;
                yt += outcome[i] ? 1 : 0;
            } else {
                nc++;
                yc += outcome[i] ? 1 : 0;
            }
            curve[k + 1] = yt - (nc == 0 ? 0 : yc * nt / nc);
        }
        double end = curve[n];
        double area = 0;
        for (int k = 1; k <= n; k++) {
            double random = end * k / n;
            area += (curve[k] + curve[k - 1]) / 2 - (random + end * (k - 1) / n) / 2;
        }
        return area / ((double) n * n);
    }
}

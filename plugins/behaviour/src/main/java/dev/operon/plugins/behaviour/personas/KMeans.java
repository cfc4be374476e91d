package dev.operon.plugins.behaviour.personas;

import java.util.Arrays;
import java.util.Random;

/**
 * K-means with k-means++ seeding and a fixed seed (Lloyd's iterations, best of a few starts by inertia), and the
 * silhouette score used to choose k. Plain Java: the data are small (one embedding per user).
 */
final class KMeans {

    /** A clustering: centroids and each point's cluster and distance to its centroid. */
    record Result(double[][] centroids, int[] labels, double[] distances, double inertia) {
    }

    private KMeans() {
    }

    static Result fit(double[][] points, int k, long seed, int starts) {
        Random random = new Random(seed);
        Result best = null;
        for (int s = 0; s < starts; s++) {
            Result r = lloyd(points, seedCentroids(points, k, random));
            if (best == null || r.inertia() < best.inertia()) {
                best = r;
            }
        }
        return best;
    }

    /** k-means++: each next centroid drawn with probability proportional to the squared distance to the nearest. */
    private static double[][] seedCentroids(double[][] points, int k, Random random) {
        int n = points.length;
        double[][] centroids = new double[k][];
        centroids[0] = points[random.nextInt(n)].clone();
        double[] d2 = new double[n];
        Arrays.fill(d2, Double.MAX_VALUE);
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                d2[i] = Math.min(d2[i], squared(points[i], centroids[c - 1]));
                total += d2[i];
            }
            double target = random.nextDouble() * total;
            int chosen = n - 1;
            for (int i = 0; i < n; i++) {
                target -= d2[i];
                if (target <= 0) {
                    chosen = i;
                    break;
                }
            }
            centroids[c] = points[chosen].clone();
        }
        return centroids;
    }

    private static Result lloyd(double[][] points, double[][] centroids) {
        int n = points.length;
        int k = centroids.length;
        int dims = points[0].length;
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        for (int iteration = 0; iteration < 300; iteration++) {
            boolean moved = false;
            for (int i = 0; i < n; i++) {
                int nearest = nearest(points[i], centroids);
                if (nearest != labels[i]) {
                    labels[i] = nearest;
                    moved = true;
                }
            }
            if (!moved) {
                break;
            }
            double[][] sums = new double[k][dims];
            int[] counts = new int[k];
            for (int i = 0; i < n; i++) {
                counts[labels[i]]++;
                for (int d = 0; d < dims; d++) {
                    sums[labels[i]][d] += points[i][d];
                }
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    continue;   // an empty cluster keeps its centroid
                }
                for (int d = 0; d < dims; d++) {
                    centroids[c][d] = sums[c][d] / counts[c];
                }
            }
        }
        double[] distances = new double[n];
        double inertia = 0;
        for (int i = 0; i < n; i++) {
            double d2 = squared(points[i], centroids[labels[i]]);
            distances[i] = Math.sqrt(d2);
            inertia += d2;
        }
        return new Result(centroids, labels, distances, inertia);
    }

    static int nearest(double[] point, double[][] centroids) {
        int best = 0;
        double bestD = Double.MAX_VALUE;
        for (int c = 0; c < centroids.length; c++) {
            double d = squared(point, centroids[c]);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    static double squared(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    /**
     * Mean silhouette of a clustering over at most {@code sample} points (chosen with the seed): for each point,
     * (b - a) / max(a, b) with a its mean distance to its own cluster and b the smallest mean distance to another.
     */
    static double silhouette(double[][] points, int[] labels, int k, int sample, long seed) {
        int n = points.length;
        int[] idx = new int[Math.min(n, sample)];
        if (n <= sample) {
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
        } else {
            Random random = new Random(seed);
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            for (int i = 0; i < idx.length; i++) {
                int j = i + random.nextInt(n - i);
                int t = all[i];
                all[i] = all[j];
                all[j] = t;
                idx[i] = all[i];
            }
        }
        double total = 0;
        for (int i : idx) {
            double[] sum = new double[k];
            int[] count = new int[k];
            for (int j : idx) {
                if (i != j) {
                    sum[labels[j]] += Math.sqrt(squared(points[i], points[j]));
                    count[labels[j]]++;
                }
            }
            if (count[labels[i]] == 0) {
                continue;   // a singleton scores 0
            }
            double a = sum[labels[i]] / count[labels[i]];
            double b = Double.MAX_VALUE;
            for (int c = 0; c < k; c++) {
                if (c != labels[i] && count[c] > 0) {
                    b = Math.min(b, sum[c] / count[c]);
                }
            }
            if (b != Double.MAX_VALUE) {
                total += (b - a) / Math.max(a, b);
            }
        }
        return total / idx.length;
    }
}

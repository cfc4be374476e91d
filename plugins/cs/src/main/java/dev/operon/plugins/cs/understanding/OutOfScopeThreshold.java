package dev.operon.plugins.cs.understanding;

import java.util.Arrays;

/**
 * The out-of-scope threshold: below it the top intent's probability means "fits no intent". Chosen on validation
 * rows as the value that maximises accuracy with {@code oos} counted as a label like any other.
 */
public final class OutOfScopeThreshold {

    private OutOfScopeThreshold() {
    }

    /** The threshold maximising validation accuracy: a midpoint between two observed top probabilities, or 0. */
    public static double calibrate(float[][] probabilities, int[] truth, int oos) {
        float[] tops = new float[probabilities.length];
        for (int i = 0; i < tops.length; i++) {
            tops[i] = probabilities[i][argmax(probabilities[i])];
        }
        Arrays.sort(tops);
        double best = 0;
        double bestAccuracy = accuracy(probabilities, truth, oos, 0);
        for (int i = 0; i < tops.length; i++) {
            double candidate = i + 1 < tops.length ? (tops[i] + tops[i + 1]) / 2.0 : tops[i] + 1e-6;
            double accuracy = accuracy(probabilities, truth, oos, candidate);
            if (accuracy > bestAccuracy) {
                bestAccuracy = accuracy;
                best = candidate;
            }
        }
        return best;
    }

    /** Accuracy when tops below {@code threshold} become {@code oos} ({@code oos < 0}: no such label). */
    public static double accuracy(float[][] probabilities, int[] truth, int oos, double threshold) {
        int right = 0;
        for (int i = 0; i < probabilities.length; i++) {
            int top = argmax(probabilities[i]);
            int predicted = oos >= 0 && probabilities[i][top] < threshold ? oos : top;
            if (predicted == truth[i]) {
                right++;
            }
        }
        return probabilities.length == 0 ? Double.NaN : right / (double) probabilities.length;
    }

    /** Accuracy of the plain arg-max. */
    public static double accuracyWithoutThreshold(float[][] probabilities, int[] truth) {
        return accuracy(probabilities, truth, -1, 0);
    }

    static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}

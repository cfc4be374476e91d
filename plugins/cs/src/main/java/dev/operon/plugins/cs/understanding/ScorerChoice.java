package dev.operon.plugins.cs.understanding;

import java.util.EnumMap;
import java.util.Map;

/**
 * The scorer with the best accuracy on the validation rows (out-of-scope threshold calibrated for each scorer on the
 * same rows), with every candidate's accuracy. Ties go to the earlier scorer in {@link IntentScorer}'s order: the
 * simpler one.
 *
 * @param scorer     the chosen scorer
 * @param threshold  its out-of-scope threshold (0 without {@code oos})
 * @param accuracies validation accuracy of each candidate
 */
public record ScorerChoice(IntentScorer scorer, double threshold, Map<IntentScorer, Double> accuracies) {

    /**
     * Chooses among {@code candidates} (each scorer's class probabilities of the validation rows, whose labels are
     * {@code truth}); {@code oos} is the out-of-scope column or -1.
     */
    public static ScorerChoice choose(Map<IntentScorer, float[][]> candidates, int[] truth, int oos) {
        Map<IntentScorer, Double> accuracies = new EnumMap<>(IntentScorer.class);
        IntentScorer best = null;
        double bestThreshold = 0;
        for (IntentScorer scorer : IntentScorer.values()) {
            float[][] probabilities = candidates.get(scorer);
            if (probabilities == null) {
                continue;
            }
            double threshold = oos < 0 ? 0 : OutOfScopeThreshold.calibrate(probabilities, truth, oos);
            double accuracy = OutOfScopeThreshold.accuracy(probabilities, truth, oos, threshold);
            accuracies.put(scorer, accuracy);
            if (best == null || accuracy > accuracies.get(best)) {
                best = scorer;
                bestThreshold = threshold;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no scorer to choose from");
        }
        return new ScorerChoice(best, bestThreshold, accuracies);
    }

    /** The mean of two probability tables of the same shape. */
    public static float[][] average(float[][] a, float[][] b) {
        float[][] out = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new float[a[i].length];
            for (int c = 0; c < out[i].length; c++) {
                out[i][c] = (a[i][c] + b[i][c]) / 2;
            }
        }
        return out;
    }
}

package dev.operon.plugins.anomaly.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * A dual-vigilance fuzzy ART network over complement-coded feature vectors, in the form the ARTime detector describes:
 * a category's match with an input is its fuzzy overlap ({@code |x ^ w| / |w|}) cubed times the squared "energy"
 * overlap of the input's latest value, so a window whose newest value is unlike the category's matches poorly even
 * when its shape is alike.
 *
 * <p>Presenting an input: every category whose match reaches the upper vigilance learns it (fast commit,
 * {@code w = x ^ w}), and the input resonates. Otherwise, if the best match reaches the lower vigilance, a new
 * category of the same cluster is created (a variation of something known). Otherwise the input starts a new
 * cluster: that is what the detector treats as novel.
 */
final class FuzzyArt {

    /** What presenting one input did. */
    enum Outcome { RESONATED, NEW_CATEGORY, NEW_CLUSTER }

    private final int dimensions;
    /** Index of the latest value in the (uncoded) input, whose overlap is the energy match. */
    private final int energyIndex;
    private final int capacity;
    private final List<double[]> categories = new ArrayList<>();
    /** When each category last learned or was created, in inputs presented; the stalest goes when full. */
    private final List<Long> lastUsed = new ArrayList<>();
    private long presented;
    private double lowerVigilance;
    private double upperVigilance;
    private double lastMatch;
    private double lastEnergy;

    /**
     * @param dimensions  length of an uncoded input (the network stores twice as many weights per category)
     * @param energyIndex index in the uncoded input of the value whose overlap weighs the match
     * @param capacity    most categories kept; when a new one would exceed it, the one unused longest is forgotten
     */
    FuzzyArt(int dimensions, int energyIndex, int capacity) {
        this.capacity = capacity;
        this.dimensions = dimensions;
        this.energyIndex = energyIndex;
        double[] first = new double[2 * dimensions];
        java.util.Arrays.fill(first, 1.0);
        categories.add(first);
        lastUsed.add(0L);
    }

    void vigilance(double lower, double upper) {
        this.lowerVigilance = lower;
        this.upperVigilance = upper;
    }

    double lowerVigilance() {
        return lowerVigilance;
    }

    double upperVigilance() {
        return upperVigilance;
    }

    /** The best match of the last input presented, in [0, 1]. */
    double lastMatch() {
        return lastMatch;
    }

    /** The energy overlap of the best-matching category of the last input presented. */
    double lastEnergy() {
        return lastEnergy;
    }

    /** A copy of category {@code j}'s complement-coded weights. */
    double[] category(int j) {
        return categories.get(j).clone();
    }

    int size() {
        return categories.size();
    }

    /** Presents one input with components in [0, 1], learning from it. */
    Outcome present(double[] input) {
        presented++;
        double[] coded = new double[2 * dimensions];
        for (int k = 0; k < dimensions; k++) {
            coded[k] = input[k];
            coded[dimensions + k] = 1.0 - input[k];
        }
        int n = categories.size();
        double[] match = new double[n];
        double best = -1;
        int bestIndex = -1;
        for (int j = 0; j < n; j++) {
            match[j] = match(categories.get(j), coded);
            if (match[j] > best) {
                best = match[j];
                bestIndex = j;
            }
        }
        lastMatch = Math.max(0.0, best);
        lastEnergy = energy(categories.get(bestIndex), coded);
        boolean resonated = false;
        for (int j = 0; j < n; j++) {
            if (match[j] >= upperVigilance) {
                double[] w = categories.get(j);
                for (int k = 0; k < w.length; k++) {
                    w[k] = Math.min(w[k], coded[k]);
                }
                resonated = true;
                lastUsed.set(j, presented);
            }
        }
        if (resonated) {
            return Outcome.RESONATED;
        }
        if (categories.size() >= capacity) {
            forgetStalest();
        }
        categories.add(coded);
        lastUsed.add(presented);
        return best >= lowerVigilance ? Outcome.NEW_CATEGORY : Outcome.NEW_CLUSTER;
    }

    private void forgetStalest() {
        int stalest = 0;
        for (int j = 1; j < lastUsed.size(); j++) {
            if (lastUsed.get(j) < lastUsed.get(stalest)) {
                stalest = j;
            }
        }
        categories.remove(stalest);
        lastUsed.remove(stalest);
    }

    /**
     * Maps the stored bounds of inputs {@code from} (inclusive) to {@code to} (exclusive) through an increasing function,
     * as if every input a category learned had been mapped through it first: fuzzy-AND learning keeps per component the
     * smallest value and (in the complement) the largest, and both commute with an increasing map. Components a
     * category has not learned yet (still all ones) are left alone.
     */
    void remap(int from, int to, java.util.function.DoubleUnaryOperator f) {
        for (double[] w : categories) {
            for (int k = from; k < to; k++) {
                double low = w[k];
                double high = 1.0 - w[dimensions + k];
                if (low > high) {
                    continue;
                }
                w[k] = f.applyAsDouble(low);
                w[dimensions + k] = 1.0 - f.applyAsDouble(high);
            }
        }
    }

    /** The match of {@code coded} with a category, without learning. */
    private double match(double[] w, double[] coded) {
        double overlap = 0;
        double weight = 0;
        for (int k = 0; k < w.length; k++) {
            overlap += Math.min(w[k], coded[k]);
            weight += w[k];
        }
        double similarity = overlap / (weight == 0 ? 0.001 : weight);
        double energy = energy(w, coded);
        return similarity * similarity * similarity * energy * energy;
    }

    private double energy(double[] w, double[] coded) {
        int a = energyIndex;
        int b = dimensions + energyIndex;
        double weight = w[a] + w[b];
        return weight == 0 ? 0.0 : (Math.min(w[a], coded[a]) + Math.min(w[b], coded[b])) / weight;
    }

    /** The best match a fresh network with vigilance {@code rho} reaches on a sequence, used to set the first one. */
    static double[] matches(List<double[]> inputs, int dimensions, int energyIndex, double rho) {
        FuzzyArt art = new FuzzyArt(dimensions, energyIndex, Integer.MAX_VALUE);
        art.vigilance(rho, rho);
        double[] out = new double[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            art.present(inputs.get(i));
            out[i] = art.lastMatch();
        }
        return out;
    }
}

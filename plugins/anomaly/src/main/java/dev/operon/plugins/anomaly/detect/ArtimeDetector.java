package dev.operon.plugins.anomaly.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Novelty in the shape of the recent series, after ARTime (M. Hampton, 2022, an entry of the NAB scoreboard),
 * implemented from its published description. Online: a fixed learning period stands in for ARTime's share of the
 * file (15 %, at most 750 points), and the running minimum and maximum for the file's range (which NAB hands its
 * detectors), since a detector here sees neither the file's length nor its future values.
 *
 * <ol>
 *   <li><b>Downsampling.</b> Every {@code step} points become one value: the block's maximum or minimum, whichever is
 *   further from a moving average of block means (a spike up or down survives), or the block's mean when that
 *   extreme is within 10 % of it.</li>
 *   <li><b>Normalising.</b> By the running minimum and maximum, quantised to 80 levels; a value within 0.075 of the
 *   median level seen so far is snapped to it, so noise around the usual level looks alike. When a new extreme widens
 *   the range, everything stored in levels (the categories' bounds, the current window, the level counts) is
 *   re-expressed in the new range, so what was learned stays comparable with what comes next, as it would have with
 *   the whole file's range known from the start.</li>
 *   <li><b>Features.</b> The last 8 downsampled values, plus their Haar wavelet transform after scaling the window to
 *   [0, 1] (its shape whatever its level).</li>
 *   <li><b>Fuzzy ART</b> ({@link FuzzyArt}) over the features, with two vigilances. The first is set at the end of the
 *   learning period from the features seen so far (presented least typical first, at vigilance 0.8, the mean best
 *   match of the second half). Then every half learning period, and a few steps after an anomaly, the upper vigilance
 *   becomes the mean best match so far (capped at 0.97); the lower one rises towards the lowest recent match when every
 *   recent input matched above it, and falls by half the recent shortfall otherwise, not below the mean match of past
 *   anomalies. So the network keeps its categories coarse on a noisy series and fine on a regular one.</li>
 *   <li><b>Anomaly</b>: an input that starts a new cluster after the learning period scores its confidence (how far
 *   its best match falls below the two vigilances, plus how unlike its newest value is); every other point scores 0.
 *   A mask suppresses repeated alarms: after a new cluster, until the network has gone 12 steps without creating
 *   one, and for 12 steps after an anomaly, a new cluster is reported only when its match is well below the last
 *   anomaly's (0.7, or 0.9 right after it).</li>
 * </ol>
 */
final class ArtimeDetector implements SeriesDetector {

    private static final int WINDOW = 8;
    private static final int WINDOWS_PER_PROBATION = 13;
    private static final int LEVELS = 80;
    private static final double SNAP_TO_MEDIAN = 0.075;
    private static final double INITIAL_VIGILANCE = 0.80;
    private static final double MAX_UPPER_VIGILANCE = 0.97;
    private static final int MASK = WINDOW * 3 / 2;
    /** Bounds memory and time per point on a long-running series; NAB's longest files stay far below it. */
    private static final int MAX_CATEGORIES = 1000;

    private final int step;
    private final int learningSteps;

    // downsampling
    private final double[] block;
    private int inBlock;
    private double movingAverage;
    private boolean firstBlock = true;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    /** The range the stored levels are expressed in, once the learning period is over. */
    private boolean rangeFixed;
    private double levelsMin;
    private double levelsMax;
    /** Downsampled raw values kept until the learning period ends, then normalised with the range seen by then. */
    private final List<Double> learningValues = new ArrayList<>();

    // normalising and features
    private final int[] levelCounts = new int[LEVELS + 1];
    private int levelTotal;
    private final double[] recent = new double[WINDOW];
    private int downsampled;

    // the network and its vigilance
    private final FuzzyArt art = new FuzzyArt(2 * WINDOW, 2 * WINDOW - 1, MAX_CATEGORIES);
    private int stepIndex;
    private int lastAnomaly;
    private double lastAnomalyMatch;
    private double lastAnomalyLowest;
    private int lastVigilanceUpdate;
    private boolean maskAfterNewCluster;
    private int stepsWithoutNewCluster;
    /** Sum and count of past anomalies' matches (each the lowest match within the mask after it). */
    private double anomalyMatchSum;
    private int anomalyCount;
    private double matchSum;
    private long matchCount;
    private final ArrayDeque<Double> recentMatches = new ArrayDeque<>();
    private final ArrayDeque<Double> recentShortfalls = new ArrayDeque<>();

    /**
     * @param learningPoints points the detector only learns from (ARTime's probation); the downsampling step is chosen
     *                       so that this period holds about 13 feature windows
     */
    ArtimeDetector(int learningPoints) {
        this.step = Math.max(1, learningPoints / (WINDOW * WINDOWS_PER_PROBATION));
        this.learningSteps = Math.max(2 * WINDOW, learningPoints / step);
        this.block = new double[step];
    }

    @Override
    public double score(long timestampMillis, double value) {
        if (Double.isNaN(value)) {
            return 0.0;
        }
        min = Math.min(min, value);
        max = Math.max(max, value);
        block[inBlock++] = value;
        if (inBlock < step) {
            return 0.0;
        }
        inBlock = 0;
        double raw = downsample();
        downsampled++;
        if (downsampled < learningSteps) {
            learningValues.add(raw);
            return 0.0;
        }
        if (downsampled == learningSteps) {
            learningValues.add(raw);
            learnFirstPeriod();
            return 0.0;
        }
        double[] features = features(raw);
        return features == null ? 0.0 : detect(features, stepIndex);
    }

    private double downsample() {
        double sum = 0;
        double hi = Double.NEGATIVE_INFINITY;
        double lo = Double.POSITIVE_INFINITY;
        for (double v : block) {
            sum += v;
            hi = Math.max(hi, v);
            lo = Math.min(lo, v);
        }
        double mean = sum / block.length;
        if (firstBlock) {
            movingAverage = mean;
            firstBlock = false;
        }
        movingAverage = (movingAverage + mean) / 2;
        double extreme = Math.abs(hi - movingAverage) < Math.abs(lo - movingAverage) ? lo : hi;
        return Math.abs(extreme - mean) < 0.1 * Math.abs(mean) ? mean : extreme;
    }

    /** Normalises the learning period's values with the range seen by its end, and trains on them. */
    private void learnFirstPeriod() {
        List<double[]> features = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        for (double raw : learningValues) {
            double[] f = features(raw);
            if (f != null) {
                features.add(f);
                indices.add(stepIndex);
            }
        }
        learningValues.clear();
        rangeFixed = true;
        double rho = initialVigilance(features);
        art.vigilance(rho, rho);
        for (int k = 0; k < features.size(); k++) {
            detect(features.get(k), indices.get(k));
        }
    }

    /** The features of the window ending with this downsampled value, or null while the window is not full. */
    private double[] features(double raw) {
        if (rangeFixed && (min != levelsMin || max != levelsMax)) {
            remapTo(min, max);
        }
        levelsMin = min;
        levelsMax = max;
        double range = max - min;
        double normalised = range == 0 ? 0.0 : (raw - min) / range;
        int level = (int) Math.round(normalised * LEVELS);
        levelCounts[level]++;
        levelTotal++;
        double quantised = level / (double) LEVELS;
        double median = medianLevel() / (double) LEVELS;
        if (Math.abs(quantised - median) < SNAP_TO_MEDIAN) {
            quantised = median;
        }
        System.arraycopy(recent, 1, recent, 0, WINDOW - 1);
        recent[WINDOW - 1] = quantised;
        stepIndex++;
        if (stepIndex < WINDOW) {
            return null;
        }
        double[] shape = scaled(recent.clone());
        double[] wavelet = scaled(Haar.transform(shape));
        double[] features = new double[2 * WINDOW];
        System.arraycopy(wavelet, 0, features, 0, WINDOW);
        System.arraycopy(recent, 0, features, WINDOW, WINDOW);
        return features;
    }

    /** Re-expresses everything stored in levels of the old range in levels of the new one. */
    private void remapTo(double newMin, double newMax) {
        double oldRange = levelsMax - levelsMin;
        double newRange = newMax - newMin;
        double oldMin = levelsMin;
        java.util.function.DoubleUnaryOperator f = x -> newRange == 0 ? 0.0 : (x * oldRange + oldMin - newMin) / newRange;
        art.remap(WINDOW, 2 * WINDOW, f);
        for (int k = 0; k < WINDOW; k++) {
            recent[k] = f.applyAsDouble(recent[k]);
        }
        int[] counts = levelCounts.clone();
        java.util.Arrays.fill(levelCounts, 0);
        for (int level = 0; level <= LEVELS; level++) {
            if (counts[level] > 0) {
                int moved = (int) Math.round(f.applyAsDouble(level / (double) LEVELS) * LEVELS);
                levelCounts[Math.max(0, Math.min(LEVELS, moved))] += counts[level];
            }
        }
    }

    private int medianLevel() {
        int half = (levelTotal + 1) / 2;
        int cumulative = 0;
        for (int level = 0; level <= LEVELS; level++) {
            cumulative += levelCounts[level];
            if (cumulative >= half) {
                return level;
            }
        }
        return LEVELS;
    }

    /** Shifts and scales to [0, 1] in place; a constant vector becomes zeros. */
    private static double[] scaled(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        for (int k = 0; k < v.length; k++) {
            v[k] = hi > lo ? (v[k] - lo) / (hi - lo) : 0.0;
        }
        return v;
    }

    /**
     * The first vigilance: the features presented least typical first (by their summed similarity to all the others)
     * to a network at vigilance 0.8; the mean best match over the second half is how alike this series' windows are.
     */
    private double initialVigilance(List<double[]> features) {
        int n = features.size();
        if (n < 2) {
            return INITIAL_VIGILANCE;
        }
        double[] typicality = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double s = cosine(features.get(i), features.get(j));
                typicality[i] += s;
                typicality[j] += s;
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(typicality[a], typicality[b]));
        List<double[]> sorted = new ArrayList<>(n);
        for (int i : order) {
            sorted.add(features.get(i));
        }
        double[] matches = FuzzyArt.matches(sorted, 2 * WINDOW, 2 * WINDOW - 1, INITIAL_VIGILANCE);
        double sum = 0;
        for (int i = n / 2; i < n; i++) {
            sum += matches[i];
        }
        return sum / (n - n / 2);
    }

    private static double cosine(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int k = 0; k < a.length; k++) {
            ab += a[k] * b[k];
            aa += a[k] * a[k];
            bb += b[k] * b[k];
        }
        if (aa == 0 || bb == 0) {
            return 1 - Math.sqrt(aa + bb);
        }
        return ab / Math.sqrt(aa * bb);
    }

    /** Presents one feature vector; returns its anomaly score (0 unless it is a reported new cluster). */
    private double detect(double[] features, int i) {
        boolean learning = i <= learningSteps;
        int sinceAnomaly = i - lastAnomaly;
        boolean updateAfterAnomaly = sinceAnomaly == MASK;
        boolean updateForTrend = i - lastVigilanceUpdate >= learningSteps / 2;
        boolean maskAfterAnomaly = sinceAnomaly <= MASK;
        if (i > learningSteps + MASK && maskAfterNewCluster && stepsWithoutNewCluster >= MASK) {
            maskAfterNewCluster = false;
        }
        boolean newCluster = art.present(features) == FuzzyArt.Outcome.NEW_CLUSTER;
        double match = art.lastMatch();
        stepsWithoutNewCluster = newCluster ? 0 : stepsWithoutNewCluster + 1;
        matchSum += match;
        matchCount++;
        remember(recentMatches, match, learningSteps / 2 + 1);
        remember(recentShortfalls, art.upperVigilance() - match, learningSteps + 1);
        if (sinceAnomaly < MASK && anomalyCount > 0 && match < lastAnomalyLowest) {
            anomalyMatchSum += match - lastAnomalyLowest;
            lastAnomalyLowest = match;
        }
        boolean masking = maskAfterNewCluster || maskAfterAnomaly;
        boolean wellBelowLast = match < lastAnomalyMatch * (maskAfterAnomaly ? 0.90 : 0.70);
        double score = 0.0;
        if (!learning && newCluster && (!masking || wellBelowLast)) {
            score = confidence(match, art.lastEnergy());
            anomalyMatchSum += match;
            anomalyCount++;
            lastAnomalyLowest = match;
            lastAnomalyMatch = match;
            lastAnomaly = i;
        }
        maskAfterNewCluster |= newCluster;
        if (!learning && (updateAfterAnomaly || updateForTrend)) {
            adaptVigilance(i);
            lastVigilanceUpdate = i;
            maskAfterNewCluster = true;
        }
        return score;
    }

    private static void remember(ArrayDeque<Double> window, double value, int capacity) {
        window.addLast(value);
        while (window.size() > capacity) {
            window.removeFirst();
        }
    }

    private void adaptVigilance(int i) {
        double upper = Math.min(MAX_UPPER_VIGILANCE, matchSum / matchCount);
        double lower = art.lowerVigilance();
        double lowestRecent = recentMatches.stream().mapToDouble(Double::doubleValue).min().orElse(1.0);
        if (lower <= lowestRecent) {
            lower += (lowestRecent - lower) * 0.19;
        } else {
            double shortfall = 0.0;
            if (i > 2 * learningSteps) {
                shortfall = recentShortfalls.stream().mapToDouble(Double::doubleValue).filter(d -> d > 0.05)
                        .map(d -> Math.min(0.37, d)).average().orElse(0.0);
            }
            lower -= Math.max(0.01, shortfall) / 2;
            if (anomalyCount > 0) {
                lower = Math.max(lower, anomalyMatchSum / anomalyCount);
            }
        }
        art.vigilance(Math.min(upper, lower), upper);
    }

    /** How far below both vigilances the best match fell, plus how unlike the newest value was, at most 1. */
    private double confidence(double match, double energy) {
        double m = Math.min(0.999, match);
        double upper = 1 - (1 - art.upperVigilance()) / (1 - m);
        double lower = 1 - (1 - art.lowerVigilance()) / (1 - m);
        double s = 0.35 * upper + 0.65 * lower + 1.5 * (1 - energy);
        return Math.max(0.0, Math.min(1.0, s));
    }

    /** The full Haar wavelet transform of a vector whose length is a power of two. */
    static final class Haar {

        private Haar() {
        }

        static double[] transform(double[] x) {
            double[] out = x.clone();
            double[] tmp = new double[x.length];
            for (int len = x.length; len >= 2; len /= 2) {
                int half = len / 2;
                for (int k = 0; k < half; k++) {
                    tmp[k] = (out[2 * k] + out[2 * k + 1]) / Math.sqrt(2);
                    tmp[half + k] = (out[2 * k] - out[2 * k + 1]) / Math.sqrt(2);
                }
                System.arraycopy(tmp, 0, out, 0, len);
            }
            return out;
        }
    }
}

package dev.operon.bench.anomaly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * NAB's scoring, implemented from its documented method (Lavin and Ahmad, "Evaluating Real-time Anomaly Detection
 * Algorithms - the Numenta Anomaly Benchmark", 2015, and the NAB whitepaper):
 *
 * <ul>
 *   <li>the first 15 % of each file (at most 750 rows) is a probationary period whose rows are not scored;</li>
 *   <li>a detection inside a labelled window earns {@code tpWeight * sigma(y) / sigma(-1)} where y is its relative
 *       position, from -1 at the window's first row to about 0 at its last, and {@code sigma(y) = 2 / (1 + e^{5y}) - 1}
 *       (the scaled sigmoid); only a window's best (earliest) detection counts; a window with none costs
 *       {@code fnWeight};</li>
 *   <li>a detection outside every window costs {@code fpWeight}: in full before the file's first window, and
 *       {@code fpWeight * sigma(y)} after a window, y being the distance from that window's last row in window
 *       widths (so a detection just after a window costs almost nothing, one far after it costs the full weight);</li>
 *   <li>one threshold per profile for the whole corpus, chosen to maximise the total;</li>
 *   <li>the total is normalised to 100 * (raw - null) / (perfect - null), the null detector detecting nothing (every
 *       window missed) and the perfect one detecting each window at its first row.</li>
 * </ul>
 */
public final class NabScorer {

    /** Share of each file that is probationary. */
    static final double PROBATIONARY_SHARE = 0.15;

    private NabScorer() {
    }

    /** The result of one profile over a corpus. */
    public record Result(NabProfile profile, double normalised, double raw, double threshold, int truePositives,
                         int falsePositives, int windows) {
    }

    /** NAB's scaled sigmoid of a relative position. */
    static double scaledSigmoid(double position) {
        if (position > 3.0) {
            return -1.0;
        }
        return 2.0 / (1.0 + Math.exp(5.0 * position)) - 1.0;
    }

    /** Rows before this index are probationary. */
    static int probationaryLength(int rows) {
        return (int) Math.min(Math.floor(PROBATIONARY_SHARE * rows), PROBATIONARY_SHARE * 5000);
    }

    /** One scorable row: its detector score, what a detection there is worth, and its window (-1 outside). */
    private record Row(double score, double reward, int window) {
    }

    /**
     * Scores a corpus under one profile with the threshold that maximises the total.
     *
     * @param series the files
     * @param scores for each file, the detector's score of each row
     */
    public static Result score(List<NabSeries> series, List<double[]> scores, NabProfile profile) {
        List<Row> rows = new ArrayList<>();
        int windows = 0;
        for (int f = 0; f < series.size(); f++) {
            NabSeries s = series.get(f);
            double[] fileScores = scores.get(f);
            if (fileScores.length != s.length()) {
                throw new IllegalArgumentException(s.name() + ": " + fileScores.length + " scores for " + s.length()
                        + " rows");
            }
            windows += addRows(s, fileScores, profile, windows, rows);
        }
        return optimise(rows, windows, profile);
    }

    /**
     * Adds a file's scorable rows; returns how many of its windows reach past the probationary period (a window
     * wholly inside it can be neither detected nor missed, as in NAB).
     */
    private static int addRows(NabSeries series, double[] scores, NabProfile profile, int windowOffset,
                               List<Row> rows) {
        double maxTp = scaledSigmoid(-1.0);
        int probation = probationaryLength(series.length());
        int[] windowOf = new int[series.length()];
        Arrays.fill(windowOf, -1);
        List<NabSeries.Window> windows = series.windows();
        int[] corpusIndex = new int[windows.size()];
        int scorable = 0;
        for (int w = 0; w < windows.size(); w++) {
            corpusIndex[w] = windows.get(w).last() >= probation ? windowOffset + scorable++ : -1;
            for (int i = windows.get(w).first(); i <= Math.min(windows.get(w).last(), series.length() - 1); i++) {
                windowOf[i] = w;
            }
        }
        int previous = -1;
        for (int i = 0; i < series.length(); i++) {
            int w = windowOf[i];
            double reward;
            if (w >= 0) {
                NabSeries.Window window = windows.get(w);
                double position = -(window.last() - i + 1) / (double) window.width();
                reward = scaledSigmoid(position) * profile.tpWeight() / maxTp;
                if (i == window.last()) {
                    previous = w;
                }
            } else if (previous >= 0) {
                NabSeries.Window window = windows.get(previous);
                double position = Math.abs(window.last() - i) / (double) Math.max(1, window.width() - 1);
                reward = scaledSigmoid(position) * profile.fpWeight();
            } else {
                reward = -profile.fpWeight();
            }
            if (i >= probation) {
                rows.add(new Row(scores[i], reward, w < 0 ? -1 : corpusIndex[w]));
            }
        }
        return scorable;
    }

    /**
     * Lowers the threshold through every distinct score, highest first, keeping the running total: a row outside
     * windows adds its (negative) reward; a window's total holds its best reward so far (-fnWeight while missed).
     */
    private static Result optimise(List<Row> rows, int windows, NabProfile profile) {
        rows.sort(Comparator.comparingDouble(Row::score).reversed());
        double[] best = new double[windows];
        Arrays.fill(best, -profile.fnWeight());
        boolean[] hit = new boolean[windows];
        double total = -profile.fnWeight() * windows;
        double bestTotal = total;
        double bestThreshold = Double.POSITIVE_INFINITY;
        int tp = 0;
        int fp = 0;
        int bestTp = 0;
        int bestFp = 0;
        int i = 0;
        while (i < rows.size()) {
            double threshold = rows.get(i).score();
            while (i < rows.size() && rows.get(i).score() == threshold) {
                Row row = rows.get(i);
                if (row.window() < 0) {
                    total += row.reward();
                    fp++;
                } else {
                    if (!hit[row.window()]) {
                        hit[row.window()] = true;
                        tp++;
                    }
                    if (row.reward() > best[row.window()]) {
                        total += row.reward() - best[row.window()];
                        best[row.window()] = row.reward();
                    }
                }
                i++;
            }
            if (total > bestTotal) {
                bestTotal = total;
                bestThreshold = threshold;
                bestTp = tp;
                bestFp = fp;
            }
        }
        double nullTotal = -profile.fnWeight() * windows;
        double perfect = profile.tpWeight() * windows;
        double normalised = 100.0 * (bestTotal - nullTotal) / (perfect - nullTotal);
        return new Result(profile, normalised, bestTotal, bestThreshold, bestTp, bestFp, windows);
    }
}

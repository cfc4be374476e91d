package dev.operon.bench.anomaly;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a detector loses NAB points at one threshold, per data category (the corpus folder): windows missed (each
 * costs the profile's FN weight plus the TP reward a perfect detector gets), lateness (the TP reward lost by
 * detecting a found window after its first row) and false positives (their weighted cost, as the scorer counts
 * them). The three add up to the gap between the detector's raw score and the perfect one's, so they show which
 * fix is worth most. A diagnosis for {@code NabRun} with {@code NAB_DIAG=1}, not part of the score.
 */
final class NabLosses {

    /** One category's losses, in raw points. */
    static final class Category {
        int windows;
        int missed;
        double missCost;
        double lateCost;
        int falsePositives;
        double falsePositiveCost;

        double total() {
            return missCost + lateCost + falsePositiveCost;
        }
    }

    private NabLosses() {
    }

    static void print(List<NabSeries> series, List<double[]> scores, NabProfile profile, double threshold) {
        Map<String, Category> categories = compute(series, scores, profile, threshold);
        System.out.printf("  losses at threshold %.3f (%s), in raw points (the perfect detector scores %s per window):%n",
                threshold, profile.name(), profile.tpWeight());
        categories.forEach((name, c) -> System.out.printf(
                "  %-22s windows %3d missed %2d (%.1f) late (%.1f) false positives %3d (%.1f)%n", name, c.windows,
                c.missed, c.missCost, c.lateCost, c.falsePositives, c.falsePositiveCost));
    }

    /** The losses per category (the file name up to its first '/'), detections being scores >= threshold. */
    static Map<String, Category> compute(List<NabSeries> series, List<double[]> scores, NabProfile profile,
                                         double threshold) {
        double maxTp = NabScorer.scaledSigmoid(-1.0);
        Map<String, Category> categories = new TreeMap<>();
        for (int f = 0; f < series.size(); f++) {
            NabSeries s = series.get(f);
            double[] score = scores.get(f);
            Category c = categories.computeIfAbsent(s.name().substring(0, Math.max(0, s.name().indexOf('/'))),
                    k -> new Category());
            int probation = NabScorer.probationaryLength(s.length());
            int previousWindow = -1;
            int w = 0;
            for (int i = 0; i < s.length(); i++) {
                while (w < s.windows().size() && s.windows().get(w).last() < i) {
                    previousWindow = w++;
                }
                boolean inWindow = w < s.windows().size() && s.windows().get(w).first() <= i;
                if (i >= probation && !inWindow && score[i] >= threshold) {
                    c.falsePositives++;
                    if (previousWindow < 0) {
                        c.falsePositiveCost += profile.fpWeight();
                    } else {
                        NabSeries.Window before = s.windows().get(previousWindow);
                        double position = Math.abs(before.last() - i) / (double) Math.max(1, before.width() - 1);
                        c.falsePositiveCost -= NabScorer.scaledSigmoid(position) * profile.fpWeight();
                    }
                }
            }
            for (NabSeries.Window window : s.windows()) {
                if (window.last() < probation) {
                    continue;
                }
                c.windows++;
                int first = -1;
                for (int i = Math.max(window.first(), probation); i <= window.last() && first < 0; i++) {
                    if (score[i] >= threshold) {
                        first = i;
                    }
                }
                if (first < 0) {
                    c.missed++;
                    c.missCost += profile.fnWeight() + profile.tpWeight();
                } else {
                    double position = -(window.last() - first + 1) / (double) window.width();
                    c.lateCost += profile.tpWeight() * (1.0 - NabScorer.scaledSigmoid(position) / maxTp);
                }
            }
        }
        return categories;
    }
}

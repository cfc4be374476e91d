package dev.operon.plugins.anomaly.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class ArtimeDetectorTest {

    private static final long MINUTE = 60_000L;

    @Test
    void haarTransformOfAShortVectorMatchesTheHandComputedOne() {
        double r = Math.sqrt(2);
        // pairs (1,3) (5,7): averages 4/r, 12/r, details -2/r, -2/r; then (4/r, 12/r): 16/2 = 8, -8/2 = -4
        assertArrayEquals(new double[] {8, -4, -2 / r, -2 / r}, ArtimeDetector.Haar.transform(new double[] {1, 3, 5, 7}),
                1e-12);
    }

    @Test
    void remappingLearnedBoundsEqualsLearningTheRemappedInputs() {
        double[] x1 = {0.2, 0.5, 0.9};
        double[] x2 = {0.4, 0.1, 0.7};
        DoubleUnaryOperator f = x -> 0.25 + 0.5 * x;
        FuzzyArt remapped = new FuzzyArt(3, 2, 10);
        FuzzyArt direct = new FuzzyArt(3, 2, 10);
        remapped.vigilance(0, 0);
        direct.vigilance(0, 0);
        remapped.present(x1);
        remapped.present(x2);
        remapped.remap(0, 3, f);
        direct.present(map(x1, f));
        direct.present(map(x2, f));
        assertEquals(1, remapped.size());
        assertArrayEquals(direct.category(0), remapped.category(0), 1e-12);
    }

    @Test
    void theNetworkForgetsItsStalestCategoryWhenFull() {
        FuzzyArt art = new FuzzyArt(2, 1, 3);
        art.vigilance(0.99, 0.99);
        for (double v = 0; v < 1; v += 0.2) {
            art.present(new double[] {v, 1 - v});
        }
        assertEquals(3, art.size());
    }

    @Test
    void aChangeOfShapeInsideTheUsualRangeIsReportedAndAFamiliarWaveIsNot() {
        SeriesDetector detector = Detectors.create("artime");
        double best = 0;
        double bestBefore = 0;
        int reports = 0;
        for (int i = 0; i < 4000; i++) {
            // a wave with a period of 48 points that goes flat at its middle value for 100 points
            double value = i >= 3000 && i < 3100 ? 0 : Math.sin(2 * Math.PI * i / 48);
            double score = detector.score(i * MINUTE, value);
            assertTrue(score >= 0 && score <= 1, "score " + score);
            if (i >= 3000 && i < 3100) {
                best = Math.max(best, score);
                reports += score > 0 ? 1 : 0;
            } else if (i > 300 && i < 3000) {
                bestBefore = Math.max(bestBefore, score);
            }
        }
        assertEquals(0.0, bestBefore, 0.0, "a wave seen many times is not novel");
        assertTrue(best > 0.3, "the flat stretch scored " + best);
        // the mask lets a new cluster through during an episode only when it matches far worse than the last alarm
        assertTrue(reports <= 3, reports + " reports for one 50-step episode");
    }

    private static double[] map(double[] x, DoubleUnaryOperator f) {
        double[] out = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            out[k] = f.applyAsDouble(x[k]);
        }
        return out;
    }
}

package dev.operon.plugins.anomaly.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The GAN member: online (one training at point 500, scores depending only on earlier points), bounded, silent before
 * its training. Whether it finds anomalies is measured on NAB (docs/benchmarks.md), not asserted here: on this noisy
 * wave it does not single out a plain spike (the other detectors do, see {@link DetectorsTest}).
 */
class GanDetectorTest {

    private static final long FIVE_MINUTES = 300_000L;

    @Test
    void scoresAreOnlineBoundedAndZeroBeforeTraining() {
        double[] values = DetectorsTest.noisyWithSpike(1300, 1200, 21);
        double[] prefix = score(values, 950);
        double[] full = score(values, values.length);
        for (int i = 0; i < prefix.length; i++) {
            assertEquals(prefix[i], full[i], 0.0, "point " + i);
        }
        boolean anyScore = false;
        for (int i = 0; i < full.length; i++) {
            assertTrue(full[i] >= 0 && full[i] <= 1, "score " + full[i] + " at " + i);
            if (i < 500) {
                assertEquals(0.0, full[i], 0.0, "before training, point " + i);
            } else if (full[i] > 0) {
                anyScore = true;
            }
        }
        assertTrue(anyScore, "the trained member never scored above 0");
    }

    private static double[] score(double[] values, int count) {
        GanDetector detector = new GanDetector(500, 2000, 100);
        double[] scores = new double[count];
        for (int i = 0; i < count; i++) {
            scores[i] = detector.score(1_400_000_000_000L + i * FIVE_MINUTES, values[i]);
        }
        return scores;
    }
}

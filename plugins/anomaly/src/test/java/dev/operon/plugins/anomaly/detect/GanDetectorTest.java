package dev.operon.plugins.anomaly.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The GAN member: online, bounded, and a window holding a spike reconstructs badly enough to stand out. */
class GanDetectorTest {

    private static final long FIVE_MINUTES = 300_000L;

    @Test
    void scoresAreOnlineBoundedAndASpikeStandsOut() {
        double[] values = DetectorsTest.noisyWithSpike(1300, 1200, 21);
        double[] prefix = score(values, 950);
        double[] full = score(values, values.length);
        for (int i = 0; i < prefix.length; i++) {
            assertEquals(prefix[i], full[i], 0.0, "point " + i);
        }
        double before = 0;
        double spike = 0;
        for (int i = 0; i < full.length; i++) {
            assertTrue(full[i] >= 0 && full[i] <= 1, "score " + full[i] + " at " + i);
            if (i < 500) {
                assertEquals(0.0, full[i], 0.0, "before training, point " + i);
            } else if (i < 1200) {
                before = Math.max(before, full[i]);
            } else if (i < 1224) {
                spike = Math.max(spike, full[i]);
            }
        }
        assertTrue(spike > before, "windows with the spike " + spike + " vs before " + before);
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

package dev.operon.plugins.anomaly.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The default's episode gate on a flat noisy series with spikes: a clearly bigger spike soon after a smaller one is
 * reported, and a spike carries the highest score of its episode (not the ordinary point after it).
 */
class EpisodeGateTest {

    private static final long START = 1_400_000_000_000L;
    private static final long FIVE_MINUTES = 300_000L;
    /**
     * The likelihood an alert rule on the default would use: NAB's best corpus-wide thresholds for the default lie at
     * 0.53 (standard) and 0.55 (low FP) (docs/benchmarks.md); the demo's rule uses 0.45. The highest of them.
     */
    private static final double ALERT_THRESHOLD = 0.55;
    private static final int FIRST = 400;

    /** 700 points of 100 + N(0, 5) every five minutes, with the given spikes (position, value). */
    private static double[] series(long seed, double... spikes) {
        Random random = new Random(seed);
        double[] values = new double[700];
        for (int i = 0; i < values.length; i++) {
            values[i] = 100 + 5 * random.nextGaussian();
        }
        for (int k = 0; k < spikes.length; k += 2) {
            values[(int) spikes[k]] = spikes[k + 1];
        }
        return values;
    }

    private static double[] score(SeriesDetector detector, double[] values) {
        double[] scores = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            scores[i] = detector.score(START + i * FIVE_MINUTES, values[i]);
        }
        return scores;
    }

    /** The walk-through's case: 300 at point 400, then 900 eighty points later (within the gate's 150-point memory). */
    @Test
    void aMuchBiggerSpikeSoonAfterASmallerOneIsReported() {
        double[] scores = score(Detectors.create(Detectors.DEFAULT), series(1, FIRST, 300, FIRST + 80, 900));
        assertTrue(scores[FIRST] > ALERT_THRESHOLD, "first spike " + scores[FIRST]);
        assertTrue(scores[FIRST + 80] > ALERT_THRESHOLD, "the bigger spike scored " + scores[FIRST + 80]);
    }

    /** Both directions, several gaps inside the gate's memory, several noise draws. */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 40, 149})
    void aClearlyBiggerSpikeOrDipIsReportedWhateverTheGap(int gap) {
        for (long seed = 1; seed <= 5; seed++) {
            for (double[] sizes : new double[][] {{300, 900}, {150, 400}, {-100, -400}}) {
                double[] scores = score(Detectors.create(Detectors.DEFAULT),
                        series(seed, FIRST, sizes[0], FIRST + gap, sizes[1]));
                assertTrue(scores[FIRST + gap] > ALERT_THRESHOLD, "seed " + seed + ", " + sizes[0] + " then "
                        + sizes[1] + " after " + gap + " points: the bigger one scored " + scores[FIRST + gap]);
            }
        }
    }

    /** The point right after a spike is ordinary; its window-based evidence comes from the spike. */
    @Test
    void theSpikeCarriesTheHighestScoreOfItsEpisode() {
        for (long seed = 1; seed <= 10; seed++) {
            double[] scores = score(Detectors.create(Detectors.DEFAULT), series(seed, FIRST, 300));
            assertTrue(scores[FIRST] > ALERT_THRESHOLD, "seed " + seed + ": spike " + scores[FIRST]);
            for (int i = FIRST + 1; i < FIRST + 150; i++) {
                assertTrue(scores[i] < scores[FIRST], "seed " + seed + ": point " + i + " scored "
                        + scores[i] + ", the spike " + scores[FIRST]);
            }
        }
    }

    /** The gate itself, with saturated likelihoods handed to it. */
    @Test
    void saturatedLikelihoodsDoNotHideABiggerDeparture() {
        double[] values = series(3, FIRST, 300, FIRST + 80, 900);
        SeriesDetector saturating = (t, v) -> Math.abs(v - 100) > 50 ? 1.0 : 0.1;
        double[] likelihoodOnly = score(new EpisodeGate(saturating, 150, 0.0), values);
        double[] magnitude = score(new EpisodeGate(saturating, 150, 0.0, true), values);
        assertEquals(0.0, likelihoodOnly[FIRST + 80], 0.0, "the likelihood-only gate hides it (the old behaviour)");
        assertEquals(1.0, magnitude[FIRST + 80], 0.0);
        assertEquals(1.0, magnitude[FIRST], 0.0);
    }

    @Test
    void anEchoWithAHigherLikelihoodIsDampedButStillHoldsBackWhatFollows() {
        double[] values = series(4, FIRST, 300);
        // a window-based member: the likelihood peaks two points after the spike and stays high for a while
        SeriesDetector late = new SeriesDetector() {
            private int sinceSpike = Integer.MAX_VALUE;

            @Override
            public double score(long t, double v) {
                sinceSpike = v > 200 ? 0 : sinceSpike == Integer.MAX_VALUE ? sinceSpike : sinceSpike + 1;
                return sinceSpike == 0 ? 0.7 : sinceSpike == 2 ? 0.95 : sinceSpike < 20 ? 0.8 : 0.05;
            }
        };
        double[] scores = score(new EpisodeGate(late, 150, 0.0, true), values);
        assertEquals(0.7, scores[FIRST], 0.0);
        for (int i = FIRST + 1; i < FIRST + 150; i++) {
            assertEquals(0.0, scores[i], 0.0, "point " + i);
        }
    }

    /** A level shift keeps the behaviour of the likelihood-only gate: its points are all far from the old median. */
    @Test
    void aLevelShiftIsGatedAsBefore() {
        double[] values = series(5);
        for (int i = FIRST; i < values.length; i++) {
            values[i] += 100;
        }
        SeriesDetector inner = new Mean(java.util.List.of(new ContextDetector(16, 6, 65_536),
                new RarityDetector(RarityDetector.Feature.RECENT_MEAN, 2000, 100)));
        SeriesDetector inner2 = new Mean(java.util.List.of(new ContextDetector(16, 6, 65_536),
                new RarityDetector(RarityDetector.Feature.RECENT_MEAN, 2000, 100)));
        double[] likelihoodOnly = score(new EpisodeGate(inner, 150, 0.0), values);
        double[] magnitude = score(new EpisodeGate(inner2, 150, 0.0, true), values);
        for (int i = FIRST + 1; i < values.length; i++) {
            assertEquals(likelihoodOnly[i], magnitude[i], 0.0, "point " + i);
        }
    }
}

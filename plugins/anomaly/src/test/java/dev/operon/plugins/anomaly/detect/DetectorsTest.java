package dev.operon.plugins.anomaly.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class DetectorsTest {

    private static final long MINUTE = 60_000L;
    private static final long START = 1_400_000_000_000L;

    /**
     * Every catalogue name except the GAN ones, which train a DJL model per series: {@link GanDetectorTest} covers
     * them with one training per property instead of six.
     */
    static java.util.List<String> names() {
        return Detectors.names().stream().filter(n -> !n.contains("gan")).toList();
    }

    /**
     * The names meant to single out one spiking point: all but {@code seasonal-shift}, which by design adds at most a
     * few standard deviations of evidence per point and speaks up only when deviations persist
     * ({@link SeasonalShiftDetectorTest} covers it).
     */
    static java.util.List<String> spikeDetectors() {
        return names().stream().filter(n -> !n.equals("seasonal-shift")).toList();
    }

    @Test
    void theDefaultIsListedFirstAndUnknownNamesAreRefused() {
        assertEquals(Detectors.DEFAULT, Detectors.names().get(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Detectors.create("nope"));
        assertTrue(e.getMessage().contains("known: "), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("names")
    void appendingFuturePointsNeverChangesPastScores(String name) {
        double[] values = noisyWithSpike(3000, 2500, 11);
        double[] prefixScores = scoreAll(name, values, 1500);
        double[] fullScores = scoreAll(name, values, values.length);
        for (int i = 0; i < 1500; i++) {
            assertEquals(prefixScores[i], fullScores[i], 0.0, "point " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("spikeDetectors")
    void scoresStayWithinZeroAndOneAndTheSpikeStandsOut(String name) {
        double[] values = noisyWithSpike(3000, 2500, 12);
        double[] scores = scoreAll(name, values, values.length);
        double maxElsewhere = 0;
        for (int i = 0; i < scores.length; i++) {
            assertTrue(scores[i] >= 0.0 && scores[i] <= 1.0, "score " + scores[i] + " at " + i);
            if (i < 2500 || i > 2520) {
                maxElsewhere = Math.max(maxElsewhere, scores[i]);
            }
        }
        double spike = spikeScore(name, scores, 2500);
        assertTrue(spike > maxElsewhere, "spike " + spike + " vs elsewhere " + maxElsewhere);
    }

    /** The detectors meant to notice any departure from a constant series (seasonal needs two days, forecast a fit). */
    static java.util.List<String> levelDetectors() {
        return java.util.List.of("ensemble", "mad", "rarity");
    }

    @ParameterizedTest
    @MethodSource("names")
    void aConstantSeriesScoresLow(String name) {
        SeriesDetector detector = Detectors.create(name);
        for (int i = 0; i < 2000; i++) {
            double score = detector.score(START + i * MINUTE, 42.0);
            assertTrue(score >= 0.0 && score < 0.35, "constant point " + i + " scored " + score);
        }
    }

    @ParameterizedTest
    @MethodSource("levelDetectors")
    void aConstantSeriesScoresZeroUntilItChanges(String name) {
        SeriesDetector detector = Detectors.create(name);
        for (int i = 0; i < 2000; i++) {
            double score = detector.score(START + i * MINUTE, 42.0);
            assertTrue(score < 0.35, "constant point " + i + " scored " + score);
        }
        double jump = detector.score(START + 2000 * MINUTE, 50.0);
        assertTrue(jump > 0.5, "a change of a constant series scored " + jump);
    }

    @ParameterizedTest
    @MethodSource("names")
    void missingPointsScoreZeroAndDoNotDisturbTheRest(String name) {
        double[] values = noisyWithSpike(3000, 2500, 13);
        for (int i = 100; i < 3000; i += 7) {
            if (i != 2500) {
                values[i] = Double.NaN;
            }
        }
        double[] scores = scoreAll(name, values, values.length);
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                assertEquals(0.0, scores[i], 0.0, "missing point " + i);
            }
            assertFalse(Double.isNaN(scores[i]));
        }
        if (spikeDetectors().contains(name)) {
            assertTrue(spikeScore(name, scores, 2500) > 0.5, "spike " + spikeScore(name, scores, 2500));
        }
    }

    @ParameterizedTest
    @MethodSource("spikeDetectors")
    void irregularSamplingStillFindsTheSpike(String name) {
        Random random = new Random(14);
        SeriesDetector detector = Detectors.create(name);
        long t = START;
        double spikeScore = 0;
        double maxBefore = 0;
        int lag = reportLag(name);
        for (int i = 0; i < 3000; i++) {
            t += (long) (MINUTE * (0.2 + 3 * random.nextDouble()));
            double value = 10 + random.nextGaussian() + (i == 2500 ? 15 : 0);
            double score = detector.score(t, value);
            if (i >= 2500 && i <= 2500 + lag) {
                spikeScore = Math.max(spikeScore, score);
            } else if (i > 500 && i < 2500) {
                maxBefore = Math.max(maxBefore, score);
            }
        }
        assertTrue(spikeScore > maxBefore, "spike " + spikeScore + " vs before " + maxBefore);
    }

    @Test
    void higherSensitivityRaisesLikelihoodsAndOneLeavesThemUnchanged() {
        double[] values = noisyWithSpike(2000, 1500, 15);
        SeriesDetector neutral = Detectors.create("mad", DetectorSettings.DEFAULTS);
        SeriesDetector keen = Detectors.create("mad", DetectorSettings.DEFAULTS.withSensitivity(10));
        SeriesDetector calm = Detectors.create("mad", new DetectorSettings(0.1));
        for (int i = 0; i < values.length; i++) {
            long t = START + i * MINUTE;
            double n = neutral.score(t, values[i]);
            double k = keen.score(t, values[i]);
            double c = calm.score(t, values[i]);
            assertTrue(k >= n && n >= c, "at " + i + ": " + k + " " + n + " " + c);
            if (n > 0.2 && n < 0.8) {
                assertEquals(n + 0.1, k, 1e-9);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new DetectorSettings(0));
        assertThrows(IllegalArgumentException.class, () -> new DetectorSettings(Double.NaN));
    }

    /**
     * Points by which a detector may report a point after it: {@code artime} downsamples blocks of two observed points
     * and scores a block at its last one (two points later when a missing point falls in between).
     */
    static int reportLag(String name) {
        return name.equals("artime") ? 2 : 0;
    }

    static double spikeScore(String name, double[] scores, int at) {
        double best = 0;
        for (int i = at; i <= at + reportLag(name); i++) {
            best = Math.max(best, scores[i]);
        }
        return best;
    }

    static double[] noisyWithSpike(int n, int spikeAt, long seed) {
        Random random = new Random(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = 100 + 5 * Math.sin(i * 2 * Math.PI / 288) + random.nextGaussian();
        }
        values[spikeAt] += 30;
        return values;
    }

    static double[] scoreAll(String name, double[] values, int count) {
        SeriesDetector detector = Detectors.create(name);
        double[] scores = new double[count];
        for (int i = 0; i < count; i++) {
            scores[i] = detector.score(START + i * 5 * MINUTE, values[i]);
        }
        return scores;
    }
}

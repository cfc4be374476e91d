package dev.operon.bench.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tiny corpora scored by hand. Shared setting: 20 rows, so the probationary period is rows 0-2 (floor(0.15 * 20));
 * one window over rows 10-14 (width 5). sigma(y) = 2 / (1 + e^(5y)) - 1, sigma(-1) = 0.986614298.
 */
class NabScorerTest {

    private static final NabProfile STANDARD = new NabProfile("standard", 1.0, 1.0, 0.11);
    private static final NabProfile LOW_FN = new NabProfile("reward_low_FN_rate", 1.0, 2.0, 0.11);

    private static NabSeries series(String name, int rows, NabSeries.Window... windows) {
        long[] t = new long[rows];
        for (int i = 0; i < rows; i++) {
            t[i] = i * 300_000L;
        }
        return new NabSeries(name, t, List.of(windows));
    }

    private static double[] flagged(int rows, int... at) {
        double[] scores = new double[rows];
        for (int i : at) {
            scores[i] = 1.0;
        }
        return scores;
    }

    private static final NabSeries ONE = series("one", 20, new NabSeries.Window(10, 14));

    @Test
    void aDetectionAtTheWindowStartIsPerfectAndNoDetectionIsNull() {
        assertEquals(100.0, NabScorer.score(List.of(ONE), List.of(flagged(20, 10)), STANDARD).normalised(), 1e-9);
        assertEquals(100.0, NabScorer.score(List.of(ONE), List.of(flagged(20, 10)), LOW_FN).normalised(), 1e-9);
        assertEquals(0.0, NabScorer.score(List.of(ONE), List.of(flagged(20)), STANDARD).normalised(), 1e-9);
    }

    @Test
    void aLaterDetectionEarnsTheScaledSigmoidOfItsPosition() {
        // row 12: y = -(14 - 12 + 1) / 5 = -0.6; reward sigma(-0.6) / sigma(-1) = 0.905148 / 0.986614 = 0.917429;
        // standard: 100 * (0.917429 - (-1)) / (1 - (-1)) = 95.871; low FN: 100 * (0.917429 + 2) / 3 = 97.248
        assertEquals(95.8714, NabScorer.score(List.of(ONE), List.of(flagged(20, 12)), STANDARD).normalised(), 1e-3);
        assertEquals(97.2476, NabScorer.score(List.of(ONE), List.of(flagged(20, 12)), LOW_FN).normalised(), 1e-3);
    }

    @Test
    void onlyTheEarliestDetectionInAWindowCounts() {
        assertEquals(95.8714, NabScorer.score(List.of(ONE), List.of(flagged(20, 12, 13, 14)), STANDARD)
                .normalised(), 1e-3);
    }

    @Test
    void aFalsePositiveAfterAWindowCostsTheScaledSigmoidOfItsDistance() {
        // row 17: y = |14 - 17| / (5 - 1) = 0.75; cost 0.11 * sigma(0.75) = 0.11 * -0.954045 = -0.104945;
        // with the window found at its start: 100 * (1 - 0.104945 + 1) / 2 = 94.753
        NabScorer.Result r = NabScorer.score(List.of(ONE), List.of(flagged(20, 10, 17)), STANDARD);
        assertEquals(94.7528, r.normalised(), 1e-3);
        assertEquals(1, r.falsePositives());
        assertEquals(1, r.truePositives());
    }

    @Test
    void aFalsePositiveBeforeTheFirstWindowCostsTheFullWeightAndProbationIsIgnored() {
        // row 5: -0.11 -> 100 * (1 - 0.11 + 1) / 2 = 94.5; row 1 is probationary: free
        assertEquals(94.5, NabScorer.score(List.of(ONE), List.of(flagged(20, 1, 5, 10)), STANDARD).normalised(),
                1e-9);
    }

    @Test
    void theThresholdIsOneForTheWholeCorpusAndChosenToMaximiseTheTotal() {
        NabSeries two = series("two", 20, new NabSeries.Window(10, 14));
        double[] first = flagged(20);
        first[10] = 0.9; // found at the start, but only with a threshold of 0.9 or lower
        first[5] = 0.8;
        double[] second = flagged(20);
        second[11] = 0.5; // found late-ish (y = -0.8), needs 0.5, which also lets in the two false positives below
        second[4] = 0.5;
        second[6] = 0.5;
        // threshold 0.9: 1 - 1 = 0; 0.8: -0.11; 0.5: 1 - 0.11 + sigma(-0.8)/sigma(-1) - 0.22 = 1.6454; 0: worse
        NabScorer.Result r = NabScorer.score(List.of(ONE, two), List.of(first, second), STANDARD);
        assertEquals(0.5, r.threshold(), 0.0);
        double reward = (2.0 / (1.0 + Math.exp(-4.0)) - 1.0) / (2.0 / (1.0 + Math.exp(-5.0)) - 1.0);
        assertEquals(100 * (1 - 0.33 + reward + 2) / 4, r.normalised(), 1e-9);
        assertEquals(2, r.windows());
    }

    @Test
    void aWindowInsideTheProbationaryPeriodIsNeitherFoundNorMissed() {
        NabSeries early = series("early", 20, new NabSeries.Window(0, 2), new NabSeries.Window(10, 14));
        NabScorer.Result r = NabScorer.score(List.of(early), List.of(flagged(20, 10)), STANDARD);
        assertEquals(1, r.windows());
        assertEquals(100.0, r.normalised(), 1e-9);
    }

    @Test
    void theProbationaryPeriodIsFifteenPercentCappedAt750Rows() {
        assertEquals(3, NabScorer.probationaryLength(20));
        assertEquals(600, NabScorer.probationaryLength(4000));
        assertEquals(750, NabScorer.probationaryLength(22_000));
    }
}

package dev.operon.plugins.anomaly.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CadOseDetectorTest {

    private static final long MINUTE = 60_000L;
    private static final int REST = 30;

    @Test
    void aRepeatingPatternIsLearnedAndABreakInItIsReported() {
        CadOseDetector detector = cadOse(100_000);
        double afterLearning = 0;
        for (int i = 0; i < 2000; i++) {
            double score = detector.score(i * MINUTE, pattern(i));
            if (i >= 1000) {
                afterLearning = Math.max(afterLearning, score);
            }
        }
        // no new contexts any more: what is left is the share of selected contexts that did not come true
        assertTrue(afterLearning < 0.5, "a learned pattern scored " + afterLearning);
        // the pattern's usual levels in an order it never took
        double broken = 0;
        for (int i = 2000; i < 2008; i++) {
            broken = Math.max(broken, detector.score(i * MINUTE, pattern(i + (i % 2 == 0 ? 3 : 0))));
        }
        assertTrue(broken > 0.75, "a new order of known levels scored " + broken);
    }

    @Test
    void afterAStrongRawScoreNothingIsReportedForTheRestPeriod() {
        CadOseDetector detector = cadOse(100_000);
        for (int i = 0; i < 1000; i++) {
            detector.score(i * MINUTE, pattern(i));
        }
        double spike = detector.score(1000 * MINUTE, 100.0);
        assertTrue(detector.lastRaw() >= 0.75 && spike == detector.lastRaw(), "spike " + spike);
        for (int i = 1; i <= REST; i++) {
            assertEquals(0.0, detector.score((1000 + i) * MINUTE, i % 2 == 0 ? 100.0 : -100.0), 0.0, "rest " + i);
        }
    }

    @Test
    void theFirstRestPeriodOnlyLearns() {
        CadOseDetector detector = cadOse(100_000);
        Random random = new Random(3);
        for (int i = 0; i < REST; i++) {
            assertEquals(0.0, detector.score(i * MINUTE, random.nextGaussian()), 0.0, "point " + i);
        }
    }

    @Test
    void widerRangesRelearnTheHistorySoTheMemoryMatchesARangeKnownFromTheStart() {
        // Online with the range seen so far, and with the final range fixed from the start: once the last widening
        // has happened, both have learned the same history under the same steps and score alike.
        double[] values = new double[600];
        Random random = new Random(5);
        for (int i = 0; i < values.length; i++) {
            values[i] = pattern(i) + 0.1 * random.nextGaussian();
        }
        values[100] = 20;
        values[200] = -20;
        CadOseDetector online = cadOse(100_000);
        CadOseDetector known = new CadOseDetector(REST, 1_000_000, 100_000, new FixedSteps(-20, 20));
        for (int i = 0; i < values.length; i++) {
            double a = online.score(i * MINUTE, values[i]);
            double b = known.score(i * MINUTE, values[i]);
            if (i > 200 + REST) {
                assertEquals(b, a, 0.0, "point " + i);
                assertEquals(known.contextCount(), online.contextCount(), "contexts at " + i);
            }
        }
    }

    @Test
    void memoryIsBoundedByStartingAfreshWhenTheContextsAreTooMany() {
        CadOseDetector detector = new CadOseDetector(REST, 500, 1000, new RangeSteps(3));
        Random random = new Random(9);
        for (int i = 0; i < 5000; i++) {
            double score = detector.score(i * MINUTE, random.nextGaussian());
            assertTrue(score >= 0 && score <= 1);
            assertTrue(detector.contextCount() <= 500 + 200, "contexts " + detector.contextCount());
        }
    }

    @Test
    void missingPointsLeaveTheStateAsIfTheyWereNotThere() {
        Random random = new Random(11);
        double[] values = new double[800];
        for (int i = 0; i < values.length; i++) {
            values[i] = pattern(i) + random.nextGaussian();
        }
        CadOseDetector withGaps = cadOse(100_000);
        CadOseDetector without = cadOse(100_000);
        for (int i = 0; i < values.length; i++) {
            if (i % 10 == 3) {
                assertEquals(0.0, withGaps.score(i * MINUTE, Double.NaN), 0.0);
            }
            assertEquals(without.score(i * MINUTE, values[i]), withGaps.score(i * MINUTE, values[i]), 0.0);
        }
    }

    @Test
    void timestampsDoNotMatterSoIrregularSamplingScoresLikeRegular() {
        Random random = new Random(12);
        CadOseDetector regular = cadOse(100_000);
        CadOseDetector irregular = cadOse(100_000);
        long t = 0;
        for (int i = 0; i < 800; i++) {
            t += (long) (MINUTE * (0.1 + 5 * random.nextDouble()));
            double value = pattern(i) + (i == 700 ? 9 : 0);
            assertEquals(regular.score(i * MINUTE, value), irregular.score(t, value), 0.0);
        }
    }

    @Test
    void aConstantSeriesScoresZeroAndItsFirstChangeScoresHigh() {
        SeriesDetector detector = Detectors.create("cad-ose");
        for (int i = 0; i < 500; i++) {
            assertEquals(0.0, detector.score(i * MINUTE, 7.0), 0.0, "constant point " + i);
        }
        assertTrue(detector.score(500 * MINUTE, 8.0) > 0.5);
    }

    @Test
    void rangeStepsPutTheExtremesInTheFirstAndLastStepAndAskForRelearningWhenTheRangeWidens() {
        RangeSteps steps = new RangeSteps(3);
        assertFalse(steps.observe(5));
        assertEquals(0, steps.step(5));
        assertTrue(steps.observe(12));
        assertFalse(steps.observe(8));
        assertArrayEquals(new int[] {0, 3, 7}, new int[] {steps.step(5), steps.step(8), steps.step(12)});
        assertTrue(steps.observe(-2));
        assertEquals(0, steps.step(-2));
    }

    /** A wave of period 12 through eight levels. */
    private static double pattern(int i) {
        return Math.round(3.5 + 3.5 * Math.sin(2 * Math.PI * i / 12));
    }

    private static CadOseDetector cadOse(int history) {
        return new CadOseDetector(REST, 1_000_000, history, new RangeSteps(3));
    }

    /** Steps of a range known in advance, as NAB gives CAD OSE. */
    private record FixedSteps(double min, double max) implements CadOseDetector.ValueSteps {
        @Override
        public int bits() {
            return 3;
        }

        @Override
        public boolean observe(double value) {
            return false;
        }

        @Override
        public int step(double value) {
            return (int) Math.max(0, Math.min(7, (value - min) / ((max - min) / 7)));
        }
    }
}

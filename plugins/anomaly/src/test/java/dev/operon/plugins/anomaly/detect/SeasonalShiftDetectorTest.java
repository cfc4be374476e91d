package dev.operon.plugins.anomaly.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.anomaly.PoissonCounts;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeasonalShiftDetectorTest {

    private static final long HOUR = 3_600_000L;
    private static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z, a Thursday
    private static final int DAYS = 35;
    /** Relative traffic per hour of the day: quiet nights, a lunch bump, an evening peak. */
    private static final double[] RHYTHM = {0.1, 0.05, 0.05, 0.05, 0.1, 0.2, 0.4, 0.7, 0.9, 1.0, 1.0, 1.1, 1.3, 1.1,
            1.0, 1.0, 1.1, 1.3, 1.6, 1.8, 1.7, 1.3, 0.8, 0.3};

    /** Hour index of a planted window: a morning drop to 15 % on day 22, an evening outage to 5 % on day 29. */
    private static final int DROP_FROM = 22 * 24 + 9;
    private static final int DROP_TO = DROP_FROM + 5;
    private static final int OUTAGE_FROM = 29 * 24 + 17;
    private static final int OUTAGE_TO = OUTAGE_FROM + 6;

    /**
     * As in the demo shop: product views (about 40 an hour at the evening peak) fall to 15 % for five morning hours;
     * orders (about 6 an hour at the peak, 0-2 at night) fall to 5 % for six evening hours.
     */
    @Test
    void sustainedDropsStandOutAndOrdinaryWeeksDoNot() {
        double[] views = score(counts(40, 21, true));
        double[] orders = score(counts(6, 21, true));
        double drop = max(views, DROP_FROM, DROP_TO);
        double outage = max(orders, OUTAGE_FROM, OUTAGE_TO);
        double elsewhere = Math.max(maxOutsidePlanted(views), maxOutsidePlanted(orders));
        String what = "drop " + drop + ", outage " + outage + ", elsewhere " + elsewhere;
        assertTrue(drop > 0.5 && outage > 0.5, what);
        assertTrue(elsewhere < 0.4, what);
    }

    private static double maxOutsidePlanted(double[] scores) {
        double elsewhere = 0;
        for (int h = 0; h < scores.length; h++) {
            boolean planted = h >= DROP_FROM && h < DROP_TO + 12 || h >= OUTAGE_FROM && h < OUTAGE_TO + 12;
            if (!planted) {
                elsewhere = Math.max(elsewhere, scores[h]);
            }
        }
        return elsewhere;
    }

    @Test
    void withoutPlantedIncidentsTheSameSeriesStaysQuiet() {
        double[] scores = score(counts(6, 22, false));
        for (int h = 0; h < scores.length; h++) {
            assertTrue(scores[h] >= 0.0 && scores[h] < 0.4, "hour " + h + " scored " + scores[h]);
        }
    }

    @Test
    void oneWildPointAloneIsWeakEvidence() {
        double[] values = counts(6, 23, false);
        values[DROP_FROM] = 200; // about thirty times the usual count at that hour
        double[] scores = score(values);
        assertTrue(scores[DROP_FROM] < 0.4, "a single spike scored " + scores[DROP_FROM]);
    }

    @Test
    void saysNothingBeforeTheSeriesCoversTwoDaysAndTheResidualsWarmUp() {
        SeriesDetector detector = Detectors.create("seasonal-shift");
        double[] values = counts(6, 24, true);
        for (int h = 0; h < 2 * 24 + 200; h++) {
            assertEquals(0.0, detector.score(START + h * HOUR, values[h]), 0.0, "hour " + h);
        }
        assertEquals(0.0, detector.score(START + 300 * HOUR, Double.NaN), 0.0);
    }

    @Test
    void cusumTailShrinksWithEveryPointOfASustainedDeviation() {
        TwoSidedCusum cusum = new TwoSidedCusum(1.5, 4.0, 2000, 100);
        Random random = new Random(25);
        for (int i = 0; i < 500; i++) {
            cusum.update(random.nextGaussian());
        }
        double previous = 1.0;
        for (int i = 0; i < 6; i++) {
            double tail = cusum.update(-3.5);
            assertTrue(tail < previous, "point " + i + ": " + tail + " after " + previous);
            previous = tail;
        }
        assertTrue(previous < 1e-8, "six points 3.5 deviations low: tail " + previous);
    }

    @Test
    void aDeviationBeyondTheClipAddsNoMoreThanTheClip() {
        TwoSidedCusum wild = new TwoSidedCusum(1.5, 4.0, 2000, 100);
        TwoSidedCusum clipped = new TwoSidedCusum(1.5, 4.0, 2000, 100);
        Random random = new Random(26);
        for (int i = 0; i < 300; i++) {
            double u = random.nextGaussian();
            wild.update(u);
            clipped.update(u);
        }
        assertEquals(clipped.update(-4.0), wild.update(-100.0), 0.0);
    }

    /** Hourly Poisson counts with the daily rhythm and busier weekends; with the drop and the outage if planted. */
    private static double[] counts(double peak, long seed, boolean planted) {
        Random random = new Random(seed);
        double[] values = new double[DAYS * 24];
        for (int h = 0; h < values.length; h++) {
            int weekday = (int) ((h / 24 + 3) % 7); // 0 = Monday; day 0 is a Thursday
            double mean = peak / 1.8 * RHYTHM[h % 24] * (weekday >= 5 ? 1.5 : 1.0);
            if (planted && h >= DROP_FROM && h < DROP_TO) {
                mean *= 0.15;
            }
            if (planted && h >= OUTAGE_FROM && h < OUTAGE_TO) {
                mean *= 0.05;
            }
            values[h] = PoissonCounts.draw(mean, random);
        }
        return values;
    }

    private static double[] score(double[] values) {
        SeriesDetector detector = Detectors.create("seasonal-shift");
        double[] scores = new double[values.length];
        for (int h = 0; h < values.length; h++) {
            scores[h] = detector.score(START + h * HOUR, values[h]);
        }
        return scores;
    }

    private static double max(double[] scores, int from, int to) {
        double best = 0;
        for (int h = from; h < to; h++) {
            best = Math.max(best, scores[h]);
        }
        return best;
    }
}

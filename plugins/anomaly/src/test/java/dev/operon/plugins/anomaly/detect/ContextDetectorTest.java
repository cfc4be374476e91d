package dev.operon.plugins.anomaly.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ContextDetectorTest {

    private static final long MINUTE = 60_000L;

    /** A square wave: {@code high} for {@code half} points, then {@code low} for as many. */
    private static double square(int i, int half) {
        return (i / half) % 2 == 0 ? 10.0 : 0.0;
    }

    @Test
    void aRepeatedShapeBecomesKnownAndANewOrderOfKnownLevelsIsNovel() {
        ContextDetector detector = new ContextDetector(4, 3, 1000);
        double first = detector.score(0, 0.0);
        assertEquals(1.0 / 3, first, 1e-12, "the first point: only its one-symbol context exists, and it is new");
        for (int i = 1; i < 400; i++) {
            detector.score(i * MINUTE, square(i, 20));
        }
        for (int i = 400; i < 440; i++) {
            assertEquals(0.0, detector.score(i * MINUTE, square(i, 20)), 0.0, "a known period, point " + i);
        }
        // the start of a high run is known; low again after only 4 highs has never happened
        for (int i = 440; i < 444; i++) {
            assertEquals(0.0, detector.score(i * MINUTE, 10.0), 0.0, "the start of a high run, point " + i);
        }
        double back = detector.score(444 * MINUTE, 0.0);
        assertTrue(back > 0.0, "low after only 4 highs has never happened: " + back);
    }

    @Test
    void aLevelNeverVisitedMakesEveryContextNewAndANewExtremeAllButTheShortest() {
        ContextDetector detector = new ContextDetector(16, 6, 100_000);
        Random random = new Random(3);
        for (int i = 0; i < 3000; i++) {
            detector.score(i * MINUTE, random.nextBoolean() ? random.nextDouble() : 9 + random.nextDouble());
        }
        // the middle of the range has never been visited: every context is new
        assertEquals(1.0, detector.score(3000 * MINUTE, 5.0), 0.0);
        // a new high has been seen before (each time the range grew), the sequences leading to this one have not
        assertEquals(5.0 / 6, detector.score(3001 * MINUTE, 1_000.0), 1e-12);
    }

    @Test
    void memoryIsBoundedAndForgetsContextsNotSeenForAGeneration() {
        ContextDetector detector = new ContextDetector(4, 1, 8);
        // range fixed by the first two points: contexts (level 0, run 1) and ("new high", run 1)
        detector.score(0, 0.0);
        detector.score(MINUTE, 10.0);
        assertEquals(0.0, detector.score(2 * MINUTE, 0.0), 0.0, "known");
        // fill more than two generations of 8 contexts with longer runs of the middle levels
        long t = 3 * MINUTE;
        for (int level : new int[] {1, 2}) {
            for (int run = 0; run < 200; run++) {
                detector.score(t, level * 10.0 / 4 + 0.1);
                t += MINUTE;
            }
        }
        // (level 0, run 1) was known, but has not been seen during the last two generations
        assertEquals(1.0, detector.score(t, 0.0), 0.0, "forgotten after two generations without it");
    }

    @Test
    void theDefaultFindsAChangeOfShapeInsideTheUsualRangeThatRarityAloneMisses() {
        // a daily square wave (5-minute points); on day 10 the series sticks at the middle value for half a day:
        // every value is inside the usual range, only the shape is new
        int flatFrom = 10 * 288 + 100;
        double[] values = new double[12 * 288];
        for (int i = 0; i < values.length; i++) {
            values[i] = i >= flatFrom && i < flatFrom + 144 ? 5.0 : square(i, 144);
        }
        double[] ensemble = DetectorsTest.scoreAll("ensemble", values, values.length);
        double[] rarity = DetectorsTest.scoreAll("rarity-gated", values, values.length);
        double before = 0;
        for (int i = flatFrom - 288; i < flatFrom; i++) {
            before = Math.max(before, ensemble[i]);
        }
        double atFlat = 0;
        double rarityAtFlat = 0;
        for (int i = flatFrom; i < flatFrom + 20; i++) {
            atFlat = Math.max(atFlat, ensemble[i]);
            rarityAtFlat = Math.max(rarityAtFlat, rarity[i]);
        }
        assertTrue(atFlat > before, "flat stretch " + atFlat + " vs the day before " + before);
        assertTrue(atFlat > rarityAtFlat, "ensemble " + atFlat + " vs rarity alone " + rarityAtFlat);
    }
}

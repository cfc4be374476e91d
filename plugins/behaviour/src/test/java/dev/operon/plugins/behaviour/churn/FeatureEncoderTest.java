package dev.operon.plugins.behaviour.churn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {

    /**
     * 100 rows: a number with Telco-style blank cells (8 distinct values: too few for the shape inputs), a category
     * with a rare level, a constant.
     */
    private static FeatureEncoder telcoLike() {
        List<String> names = List.of("charges", "plan", "country");
        String[][] values = new String[3][100];
        for (int r = 0; r < 100; r++) {
            values[0][r] = r < 3 ? " " : Double.toString(10 + r % 8);
            values[1][r] = r == 0 ? "legacy" : r % 2 == 0 ? "pro" : "free";
            values[2][r] = "FR";
        }
        return FeatureEncoder.fit(names, values);
    }

    @Test
    void numbersAndCategoriesAreToldApartAndConstantsLeftOut() {
        FeatureEncoder encoder = telcoLike();
        assertEquals(List.of("charges", "plan"), encoder.columns());
        assertEquals(List.of("charges"), encoder.numericColumns());
        // charges: value + missing flag; plan: pro, free, (other) for the rare "legacy"
        assertEquals(5, encoder.width());
    }

    @Test
    void blanksAreImputedAndFlaggedAndUnseenCategoriesGoToOther() {
        FeatureEncoder encoder = telcoLike();
        float[] blank = encoder.encode(new String[] {"  ", "legacy"});
        float[] unseen = encoder.encode(new String[] {"50", "enterprise"});
        assertEquals(1f, blank[1], "missing flag");
        assertEquals(0f, unseen[1]);
        assertArrayEquals(new float[] {0, 0, 1}, new float[] {blank[2], blank[3], blank[4]});
        assertArrayEquals(new float[] {0, 0, 1}, new float[] {unseen[2], unseen[3], unseen[4]});
        float[] text = encoder.encode(new String[] {"n/a", "pro"});
        assertEquals(1f, text[1], "a value that is no number counts as missing");
    }

    @Test
    void skewedPositiveColumnsAreLogTransformedAndValuesClipped() {
        String[][] values = new String[1][200];
        for (int r = 0; r < 200; r++) {
            values[0][r] = Double.toString(r < 190 ? r % 10 : 10_000 + r);
        }
        FeatureEncoder encoder = FeatureEncoder.fit(List.of("spend"), values);
        float huge = encoder.encode(new String[] {"1e12"})[0];
        assertEquals((float) FeatureEncoder.CLIP, huge);
        float a = encoder.encode(new String[] {"0"})[0];
        float b = encoder.encode(new String[] {"9"})[0];
        float c = encoder.encode(new String[] {"10190"})[0];
        assertTrue(c - b < 5 * (b - a), "log1p compresses the tail: " + a + " " + b + " " + c);
    }

    @Test
    void numbersWithManyValuesGetALogInputAndOneHotDecileBins() {
        String[][] values = new String[1][1000];
        for (int r = 0; r < 1000; r++) {
            values[0][r] = Integer.toString(r);   // 0..999: deciles at 99.9, 199.8, ...
        }
        FeatureEncoder encoder = FeatureEncoder.fit(List.of("tenure"), values);
        assertEquals(1 + 1 + FeatureEncoder.BINS, encoder.width(), "value, log1p, 10 bins");
        int previousBin = -1;
        for (int v = 0; v < 1000; v += 37) {
            float[] row = encoder.encode(new String[] {Integer.toString(v)});
            int hot = -1;
            int count = 0;
            for (int i = 2; i < row.length; i++) {
                if (row[i] == 1f) {
                    hot = i - 2;
                    count++;
                }
            }
            assertEquals(1, count, "exactly one bin for " + v);
            assertEquals(v / 100, hot, "bin of " + v);
            assertTrue(hot >= previousBin);
            previousBin = hot;
        }
        float[] one = encoder.encode(new String[] {"1"});
        float[] ten = encoder.encode(new String[] {"10"});
        float[] top = encoder.encode(new String[] {"999"});
        double rawSpread = (ten[0] - one[0]) / (double) (top[0] - ten[0]);
        double logSpread = (ten[1] - one[1]) / (double) (top[1] - ten[1]);
        assertTrue(logSpread > 10 * rawSpread, "the log input spreads small values: " + logSpread + " against "
                + rawSpread);
    }

    @Test
    void aColumnLoggedAlreadyGetsNoSecondLogAndNegativeColumnsNone() {
        String[][] values = new String[2][200];
        for (int r = 0; r < 200; r++) {
            values[0][r] = Double.toString(r < 190 ? r % 20 : 10_000 + r);   // skewed: logged as the value itself
            values[1][r] = Integer.toString(r - 100);                         // negative values: no log
        }
        FeatureEncoder encoder = FeatureEncoder.fit(List.of("spend", "delta"), values);
        Map<String, int[]> groups = encoder.groups();
        int bins = FeatureEncoder.BINS;
        assertEquals(1 + bins, groups.get("spend")[1] - groups.get("spend")[0]);
        assertEquals(1 + bins, groups.get("delta")[1] - groups.get("delta")[0]);
    }

    @Test
    void version1EncoderFilesStillLoad() {
        String v1 = "operon-churn-encoder\t1\n"
                + "numeric\tcharges\t50.0\t0\t50.0\t10.0\t1\n"
                + "categorical\tplan\t0\tpro\tfree\n"
                + "baseline\t0.0\t0.03\t0.5\t0.5\n";
        FeatureEncoder encoder = FeatureEncoder.parse(v1);
        assertEquals(4, encoder.width());
        assertArrayEquals(new float[] {1f, 0f, 0f, 1f}, encoder.encode(new String[] {"60", "free"}));
        assertArrayEquals(new float[] {0f, 1f, 1f, 0f}, encoder.encode(new String[] {"", "pro"}));
    }

    @Test
    void theShapeInputsSurviveTheTextForm() {
        String[][] values = new String[1][300];
        for (int r = 0; r < 300; r++) {
            values[0][r] = r % 50 == 0 ? "" : Double.toString(r * 1.5);
        }
        FeatureEncoder encoder = FeatureEncoder.fit(List.of("charges"), values);
        FeatureEncoder back = FeatureEncoder.parse(encoder.write());
        for (String v : List.of("0", "", "17.25", "448.5", "100000", "-3")) {
            assertArrayEquals(encoder.encode(new String[] {v}), back.encode(new String[] {v}), v);
        }
    }

    @Test
    void theEncoderSurvivesItsTextForm() {
        FeatureEncoder encoder = telcoLike();
        FeatureEncoder back = FeatureEncoder.parse(encoder.write());
        assertEquals(encoder.columns(), back.columns());
        assertArrayEquals(encoder.baseline(), back.baseline());
        for (String[] row : List.of(new String[] {"12", "pro"}, new String[] {"", "x"}, new String[] {"99", "free"})) {
            assertArrayEquals(encoder.encode(row), back.encode(row));
        }
    }

    @Test
    void namesWithTabsAndNewlinesSurviveToo() {
        List<String> names = List.of("a\tb", "c");
        String[][] values = new String[2][20];
        List<String> levels = new ArrayList<>(List.of("x\ny", "z\\w"));
        for (int r = 0; r < 20; r++) {
            values[0][r] = levels.get(r % 2);
            values[1][r] = Integer.toString(r);
        }
        FeatureEncoder back = FeatureEncoder.parse(FeatureEncoder.fit(names, values).write());
        assertEquals(names, back.columns());
        assertFalse(back.encode(new String[] {"x\ny", "1"})[0] == 0f && back.encode(new String[] {"x\ny", "1"})[1] == 0f);
    }
}

package dev.operon.plugins.behaviour.churn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {

    /** 100 rows: a number with Telco-style blank cells, a category with a rare level, a constant. */
    private static FeatureEncoder telcoLike() {
        List<String> names = List.of("charges", "plan", "country");
        String[][] values = new String[3][100];
        for (int r = 0; r < 100; r++) {
            values[0][r] = r < 3 ? " " : Double.toString(10 + r);
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

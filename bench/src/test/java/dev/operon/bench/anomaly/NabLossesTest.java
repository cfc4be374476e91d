package dev.operon.bench.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The loss breakdown adds up to what the scorer says is missing from a perfect score. */
class NabLossesTest {

    private static final NabProfile STANDARD = new NabProfile("standard", 1.0, 1.0, 0.11);

    private static NabSeries series(String name, int rows, NabSeries.Window... windows) {
        long[] t = new long[rows];
        for (int i = 0; i < rows; i++) {
            t[i] = i * 300_000L;
        }
        return new NabSeries(name, t, List.of(windows));
    }

    @Test
    void lossesAddUpToPerfectMinusRawAndAreFiledByCategory() {
        // a: 100 rows (probation 0-14), windows 40-49 (found at 45, late) and 70-79 (missed); false positives at 20
        // (before any window: full cost) and 52 (just after a window: almost free). b: one window 30-39, found at 30.
        NabSeries a = series("catA/a.csv", 100, new NabSeries.Window(40, 49), new NabSeries.Window(70, 79));
        NabSeries b = series("catB/b.csv", 100, new NabSeries.Window(30, 39));
        double[] sa = new double[100];
        sa[20] = 1;
        sa[45] = 1;
        sa[52] = 1;
        double[] sb = new double[100];
        sb[30] = 1;
        List<NabSeries> corpus = List.of(a, b);
        List<double[]> scores = List.of(sa, sb);
        double raw = NabScorer.score(corpus, scores, STANDARD).raw();
        Map<String, NabLosses.Category> losses = NabLosses.compute(corpus, scores, STANDARD, 1.0);

        NabLosses.Category catA = losses.get("catA");
        assertEquals(2, catA.windows);
        assertEquals(1, catA.missed);
        assertEquals(2.0, catA.missCost, 1e-12);
        assertEquals(2, catA.falsePositives);
        assertEquals(0.0, losses.get("catB").total(), 1e-12);
        double perfect = 3 * STANDARD.tpWeight();
        assertEquals(perfect - raw, catA.total() + losses.get("catB").total(), 1e-9);
    }
}

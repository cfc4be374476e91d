package dev.operon.plugins.recommend.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.recommend.Synthetic;
import dev.operon.plugins.recommend.model.Interactions;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitsTest {

    @Test
    void randomSplitIsDisjointCompleteAndRepeatable() {
        Interactions all = Synthetic.groups(2, 10, 30, 20, 1);
        Splits.Parts a = Splits.randomPerUser(all, new double[] {0.8, 0.1, 0.1}, 7);
        Splits.Parts b = Splits.randomPerUser(all, new double[] {0.8, 0.1, 0.1}, 7);
        for (int u = 0; u < all.userCount(); u++) {
            Set<Integer> seen = new HashSet<>();
            int total = 0;
            for (int p = 0; p < 3; p++) {
                for (int i : a.part(p).itemsOf(u)) {
                    assertTrue(seen.add(i), "item in two parts");
                }
                total += a.part(p).count(u);
                assertArrayEquals(a.part(p).itemsOf(u), b.part(p).itemsOf(u));
            }
            assertEquals(all.count(u), total);
            assertEquals((int) Math.floor(0.1 * all.count(u)), a.part(2).count(u));
        }
    }

    @Test
    void leaveLastOutHoldsTheLatestItems() {
        Interactions all = Synthetic.cycles(5, 20, 6, 2);
        Splits.Parts parts = Splits.leaveLastOut(all, 3);
        for (int u = 0; u < all.userCount(); u++) {
            int[] items = all.itemsOf(u);
            assertArrayEquals(new int[] {items[5]}, parts.part(2).itemsOf(u));
            assertArrayEquals(new int[] {items[4]}, parts.part(1).itemsOf(u));
            assertEquals(4, parts.part(0).count(u));
        }
    }
}

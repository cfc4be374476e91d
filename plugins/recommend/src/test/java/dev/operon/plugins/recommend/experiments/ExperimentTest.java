package dev.operon.plugins.recommend.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Assignment by hash: stable per user, shares as configured, reshuffled by a new name. */
class ExperimentTest {

    @Test
    void assignmentIsStableAndFollowsTheShares() {
        Experiment e = new Experiment("exp", Variant.parse("a", "champion"),
                Variant.parse("b", "recommend.ease;diversity=0.3"), 50, 10);
        Map<String, Integer> counts = new HashMap<>();
        int users = 20_000;
        for (int u = 0; u < users; u++) {
            String key = "p:" + u;
            Variant v = e.assign(key);
            assertEquals(v, e.assign(key));
            counts.merge(v.name(), 1, Integer::sum);
        }
        assertEquals(0.10, counts.get("holdout") / (double) users, 0.01);
        assertEquals(0.45, counts.get("a") / (double) users, 0.015);
        assertEquals(0.45, counts.get("b") / (double) users, 0.015);
        assertEquals(0.3, e.b().diversity());

        Experiment renamed = new Experiment("exp-2", e.a(), e.b(), 50, 10);
        int moved = 0;
        for (int u = 0; u < 2000; u++) {
            if (!renamed.assign("p:" + u).name().equals(e.assign("p:" + u).name())) {
                moved++;
            }
        }
        assertTrue(moved > 500, "a new name reshuffles: " + moved);
    }

    @Test
    void variantSettingsAreChecked() {
        assertEquals(2, Variant.parse("b", "recommend.bpr; max-per-category=2").maxPerCategory());
        assertThrows(IllegalArgumentException.class, () -> Variant.parse("a", "ease"));
        assertThrows(IllegalArgumentException.class, () -> Variant.parse("a", "champion;diversity=3"));
        assertThrows(IllegalArgumentException.class, () -> Variant.parse("a", "champion;colour=red"));
        assertThrows(IllegalArgumentException.class, () -> Variant.parse("a", ""));
    }
}

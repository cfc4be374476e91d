package dev.operon.plugins.behaviour.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.operon.plugins.behaviour.churn.ChurnConfig;
import dev.operon.plugins.behaviour.segments.World;
import dev.operon.sdk.profiles.ProfileFeatures;
import dev.operon.sdk.testkit.TestProfiles;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BehaviourDemoTest {

    @Test
    void theDemoSegmentsAreValidRulesAndFindTheirShoppers() throws Exception {
        try (World w = new World()) {
            // 1 spent a lot, 2 bought once and left 3 weeks ago, 3 only looks, 4 is on the paying plan
            w.profile(1, Map.of("plan", "free"), features(w, 420.0, 1), TestProfiles.ALLOW_ALL);
            w.event(1, "Order Completed", Duration.ofDays(1), Map.of("revenue", 420.0));
            w.profile(2, Map.of("plan", "free"), features(w, 30.0, 21), TestProfiles.ALLOW_ALL);
            w.event(2, "Order Completed", Duration.ofDays(21), Map.of("revenue", 30.0));
            w.profile(3, Map.of("plan", "free"), features(w, 0.0, 2), TestProfiles.ALLOW_ALL);
            for (int i = 0; i < 6; i++) {
                w.event(3, "Product Viewed", Duration.ofDays(2).plusHours(i), Map.of("product_id", "sku-" + i));
            }
            w.profile(4, Map.of("plan", "plus"), features(w, 0.0, 1), TestProfiles.ALLOW_ALL);

            List<String> log = w.kit.seedDemo(w.now, List.of(), 5);
            assertEquals(2, log.size(), log::toString);
            assertEquals(7, w.kit.config().getInt(ChurnConfig.HORIZON_DAYS), "a horizon that fits weeks of history");
            assertEquals(List.of(), w.kit.seedDemo(w.now, List.of(), 5), "seeding again adds nothing");
            w.refresh(true);

            Map<String, Set<Long>> byName = new HashMap<>();
            for (var segment : (List<dev.operon.plugins.behaviour.segments.SegmentOperations.SegmentView>)
                    w.kit.call("list-segments", Map.of())) {
                byName.put(segment.name(), w.members(segment.id()));
            }
            assertEquals(Map.of("Big spenders", Set.of(1L), "Lapsing customers", Set.of(2L),
                    "Window shoppers", Set.of(3L), "Plus plan", Set.of(4L)), byName);
        }
    }

    private static ProfileFeatures features(World w, double monetary, int daysSinceLastSeen) {
        return new ProfileFeatures(w.now.minus(Duration.ofDays(60)), w.now.minus(Duration.ofDays(daysSinceLastSeen)),
                10, 3, Map.of(), monetary > 0 ? 1 : 0, monetary, monetary > 0 ? (double) daysSinceLastSeen : null,
                w.now);
    }
}

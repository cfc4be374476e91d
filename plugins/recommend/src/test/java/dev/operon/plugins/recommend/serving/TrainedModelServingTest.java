package dev.operon.plugins.recommend.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.recommend.Shop;
import dev.operon.sdk.testkit.TaskResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A model trained by recommend.train, served: reasons from its item similarity, and similar items. */
class TrainedModelServingTest {

    @Test
    void itemKnnExplainsByTheHistoryItemAndFindsSimilarItems() throws Exception {
        try (Shop shop = new Shop()) {
            for (int i = 0; i < 16; i++) {
                shop.items(Shop.item("i" + i, i < 8 ? "shoes" : "hats", true));
            }
            // users 1-12 look at 7 of the 8 shoes (i0-i7), users 13-24 at 7 of the 8 hats (i8-i15): enough items
            // per user for the validation split training carves
            for (long u = 1; u <= 24; u++) {
                shop.user(u, Map.of());
                int base = u <= 12 ? 0 : 8;
                for (int k = 0; k < 8; k++) {
                    if ((u + k) % 8 != 0) {
                        shop.viewed(u, "i" + (base + k), 30 - k);
                    }
                }
            }
            TaskResult<Object> run = shop.kit.runTask("recommend.train", Map.of("models", "item-knn"));
            assertEquals(TaskResult.State.SUCCEEDED, run.state(), run.errorMessage());

            // a new user who has seen one hat: hats, each explained by that hat
            shop.user(40, Map.of());
            shop.viewed(40, "i9", 1);
            Recommendations r = shop.kit.call("preview-recommendations", shop.recommendInput("user-40", 3));
            assertFalse(r.coldStart());
            assertTrue(r.model().startsWith("recommend.item-knn v"), r.model());
            assertEquals(3, r.items().size());
            for (Recommendations.Recommended item : r.items()) {
                assertEquals("hats", item.category(), r.items().toString());
                assertEquals("i9", item.because());
                assertEquals("because you viewed Title i9", item.reason());
            }

            Recommendations similar = shop.kit.call("similar", Map.of("item", "i1", "n", 3));
            assertEquals(3, similar.items().size());
            assertTrue(similar.items().stream().allMatch(i -> "shoes".equals(i.category())), similar.items().toString());
            assertTrue(similar.items().stream().noneMatch(i -> i.itemId().equals("i1")));
            assertEquals("similar to Title i1", similar.items().get(0).reason());

            // an unavailable shoe is never returned
            shop.kit.call("upsert-item", Shop.item("i2", "shoes", false));
            Recommendations without = shop.kit.call("similar", Map.of("item", "i1", "n", 4));
            assertTrue(without.items().stream().noneMatch(i -> i.itemId().equals("i2")), without.items().toString());

            // no hat was ever seen with a shoe: asking for hats like a shoe finds none, not hats scored 0
            Recommendations hats = shop.kit.call("similar", Map.of("item", "i1", "n", 3, "categories",
                    java.util.List.of("hats")));
            assertTrue(hats.items().isEmpty(), hats.items().toString());
        }
    }
}

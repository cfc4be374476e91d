package dev.operon.plugins.recommend.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.recommend.Shop;
import dev.operon.plugins.recommend.catalog.Item;
import dev.operon.sdk.demo.DemoProduct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecommendDemoTest {

    @Test
    void theShopsProductsBecomeTheCatalogueTheSameWayEachTime() throws Exception {
        List<DemoProduct> products = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            products.add(new DemoProduct(String.format("sku-%04d", i), "Product " + i, i % 2 == 0 ? "kitchen" : "garden",
                    5 + i));
        }
        List<Boolean> firstAvailability = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try (Shop shop = new Shop()) {
                List<String> log = shop.kit.seedDemo(Instant.parse("2026-11-01T00:00:00Z"), products, 42);
                assertEquals(3, log.size(), log::toString);
                // no shop profiles and no model in this kit: the shoppers' step finds nobody to serve
                assertEquals("did shoppers see their recommendations: ok", log.get(1));
                assertTrue(log.get(2).startsWith("ran recommend.feedback-aggregate: "), log.get(2));
                List<Item> items = shop.kit.call("list-items", Map.of("limit", 500));
                assertEquals(120, items.size());
                Item first = items.get(0);
                assertEquals("sku-0000", first.itemId());
                assertEquals("Product 0", first.title());
                assertEquals("kitchen", first.category());
                assertEquals(5.0, first.price());
                long unavailable = items.stream().filter(item -> !item.available()).count();
                assertTrue(unavailable > 0 && unavailable < 20, "a few out of stock: " + unavailable);
                List<Boolean> availability = items.stream().map(Item::available).toList();
                if (firstAvailability != null) {
                    assertEquals(firstAvailability, availability, "the same seed gives the same shop");
                }
                firstAvailability = availability;
            }
        }
    }
}

package dev.operon.plugins.recommend.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.recommend.Shop;
import dev.operon.sdk.testkit.InvalidInputException;
import dev.operon.sdk.testkit.TaskResult;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** recommend and preview through the test kit: filters and exclusions, boosts, the category cap, cold start, bad input. */
class RecommendOperationsTest {

    /** Twelve items in three categories; i0 most popular, then i1, ...; user 1 viewed i0 and bought i1. */
    private static Shop shop() throws Exception {
        Shop shop = new Shop();
        for (int i = 0; i < 12; i++) {
            String category = "cat-" + (char) ('a' + i % 3);
            shop.items(i == 2 ? Shop.item("i2", category, false)
                    : Shop.item("i" + i, category, Map.of("brand", i == 7 ? "acme" : "other")));
        }
        shop.user(1, Map.of());
        for (long u = 2; u <= 14; u++) {
            shop.user(u, Map.of("segment", u % 2 == 0 ? "gold" : "silver"));
            for (int i = 0; i < 12; i++) {
                if (u - 2 >= i) {
                    shop.viewed(u, "i" + i, 5);
                }
            }
        }
        shop.viewed(1, "i0", 3);
        shop.bought(1, "i1", 2);
        shop.trainPopularity(0.2);
        return shop;
    }

    @Test
    void filtersAndExclusionsHold() throws Exception {
        try (Shop shop = shop()) {
            Map<String, Object> in = shop.recommendInput("user-1", 10);
            in.put("exclude", List.of("i3"));
            in.put("excludeCategories", List.of("cat-b"));
            Recommendations r = shop.kit.call("recommend", in);
            assertFalse(r.coldStart());
            assertEquals("recommend.popularity v1", r.model());
            assertNotNull(r.recommendationId());
            Set<String> ids = new HashSet<>();
            for (Recommendations.Recommended item : r.items()) {
                ids.add(item.itemId());
                assertFalse(Set.of("i0", "i1").contains(item.itemId()), "already seen or bought: " + item);
                assertFalse(item.itemId().equals("i2"), "unavailable");
                assertFalse(item.itemId().equals("i3"), "excluded by the request");
                assertFalse("cat-b".equals(item.category()), "excluded category: " + item);
            }
            // 12 items - i0, i1 (seen), i2 (unavailable), i3 (excluded), cat-b (i4, i7, i10) = 5 left
            assertEquals(Set.of("i5", "i6", "i8", "i9", "i11"), ids);
            assertEquals(List.of("i5", "i6", "i8", "i9", "i11"), r.items().stream()
                    .map(Recommendations.Recommended::itemId).toList(), "popularity order");

            Map<String, Object> only = shop.recommendInput("user-1", 3);
            only.put("categories", List.of("cat-a"));
            Recommendations a = shop.kit.call("preview-recommendations", only);
            assertEquals(List.of("i3", "i6", "i9"), a.items().stream().map(Recommendations.Recommended::itemId)
                    .toList(), "cat-a only, i0 seen");
            assertNull(a.recommendationId(), "a preview records nothing");

            Map<String, Object> seenToo = shop.recommendInput("user-1", 2);
            seenToo.put("excludeSeen", false);
            Recommendations again = shop.kit.call("preview-recommendations", seenToo);
            assertEquals(List.of("i0", "i1"), again.items().stream().map(Recommendations.Recommended::itemId).toList());
        }
    }

    @Test
    void boostsAndTheCategoryCapReorder() throws Exception {
        try (Shop shop = shop()) {
            Map<String, Object> capped = shop.recommendInput("user-1", 6);
            capped.put("maxPerCategory", 1);
            Recommendations r = shop.kit.call("preview-recommendations", capped);
            assertEquals(3, r.items().size(), "three categories, one item each");
            assertEquals(3, r.items().stream().map(Recommendations.Recommended::category).distinct().count());

            Map<String, Object> boosted = shop.recommendInput("user-1", 3);
            boosted.put("boosts", List.of(Map.of("property", "brand", "value", "acme", "weight", 1.0)));
            Recommendations b = shop.kit.call("preview-recommendations", boosted);
            assertEquals("i7", b.items().get(0).itemId(), "the boosted brand comes first: " + b.items());
            assertTrue(b.items().get(0).relevance() > 1.0);

            Map<String, Object> diverse = shop.recommendInput("user-1", 3);
            diverse.put("diversity", 0.9);
            Recommendations d = shop.kit.call("preview-recommendations", diverse);
            assertEquals(3, d.items().stream().map(Recommendations.Recommended::category).distinct().count(),
                    "MMR over categories (a popularity model has no item similarity): " + d.items());
        }
    }

    @Test
    void newUsersGetPopularItemsOfTheirSegment() throws Exception {
        try (Shop shop = shop()) {
            shop.user(40, Map.of("segment", "gold"));
            shop.user(41, Map.of());
            shop.privateUser(42);
            // before any popularity refresh: the model's own list, for nobody
            Recommendations fallback = shop.kit.call("preview-recommendations", shop.recommendInput("stranger", 3));
            assertTrue(fallback.coldStart());
            assertEquals(List.of("i0", "i1", "i3"), fallback.items().stream()
                    .map(Recommendations.Recommended::itemId).toList(), "i2 is unavailable");
            assertEquals("popular with everyone", fallback.items().get(0).reason());

            // gold users (even ids) viewed more of the later items: add purchases of i11 by gold users only
            for (long u = 2; u <= 14; u += 2) {
                shop.bought(u, "i11", 1);
            }
            TaskResult<Object> refresh = shop.kit.runTask("recommend.popularity-refresh", Map.of());
            assertEquals(TaskResult.State.SUCCEEDED, refresh.state(), refresh.errorMessage());

            Recommendations gold = shop.kit.call("preview-recommendations", shop.recommendInput("user-40", 3));
            assertTrue(gold.coldStart());
            assertEquals("gold", gold.segment());
            assertEquals("i11", gold.items().get(0).itemId(), "gold's own most popular item: " + gold.items());
            assertEquals("popular in gold", gold.items().get(0).reason());

            Recommendations plain = shop.kit.call("preview-recommendations", shop.recommendInput("user-41", 3));
            assertTrue(plain.coldStart());
            assertNull(plain.segment());
            assertEquals("popular right now", plain.items().get(0).reason());

            Recommendations noConsent = shop.kit.call("preview-recommendations", shop.recommendInput("user-42", 3));
            assertTrue(noConsent.coldStart(), "no personalisation without consent");

            Recommendations stranger = shop.kit.call("recommend", shop.recommendInput("someone-new", 2));
            assertTrue(stranger.coldStart());
            assertNull(stranger.profileId());
            assertEquals(2, stranger.items().size());
        }
    }

    @Test
    void badInputIsRefusedWithTheField() throws Exception {
        try (Shop shop = shop()) {
            for (int n : new int[] {0, -1, 101}) {
                InvalidInputException e = assertThrows(InvalidInputException.class,
                        () -> shop.kit.call("recommend", shop.recommendInput("user-1", n)));
                assertEquals(List.of("n"), e.fields(), e.getMessage());
            }
            InvalidInputException blank = assertThrows(InvalidInputException.class,
                    () -> shop.kit.call("recommend", Map.of("user", " ")));
            assertEquals(List.of("user"), blank.fields());
            InvalidInputException diversity = assertThrows(InvalidInputException.class,
                    () -> shop.kit.call("recommend", Map.of("user", "user-1", "diversity", 2)));
            assertEquals(List.of("diversity"), diversity.fields());
            InvalidInputException boost = assertThrows(InvalidInputException.class, () -> shop.kit.call(
                    "recommend", Map.of("user", "user-1", "boosts", List.of(Map.of("property", "brand",
                            "value", "x", "weight", 5)))));
            assertTrue(boost.fields().get(0).startsWith("boosts"), boost.fields().toString());
            assertEquals(0, shop.kit.auditLog().stream().filter(a -> a.operation().equals("recommend")).count(),
                    "refused before the call: nothing served, nothing audited");
        }
    }

    @Test
    void similarNeedsAModelWithItemSimilarity() throws Exception {
        try (Shop shop = shop()) {
            dev.operon.sdk.operation.OperationException e = assertThrows(
                    dev.operon.sdk.operation.OperationException.class,
                    () -> shop.kit.call("similar", Map.of("item", "i1")));
            assertEquals(503, e.status(), "popularity has no similarity: " + e.getMessage());
        }
    }
}

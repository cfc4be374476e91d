package dev.operon.plugins.recommend.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.recommend.catalog.Catalog;
import dev.operon.plugins.recommend.catalog.Item;
import dev.operon.plugins.recommend.model.IdIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ranking with a model that has embeddings: reasons, MMR, and the approximate path with filters. */
class RankerTest {

    /** Items 0-5 point along axis 0 ("shoes"), 6-11 along axis 1 ("hats"); user 0 likes shoes a little more. */
    private static VectorRecommender twoTopics() {
        int dim = 2;
        float[] items = new float[12 * dim];
        for (int i = 0; i < 12; i++) {
            boolean shoe = i < 6;
            items[i * dim] = shoe ? 1f - i * 0.01f : 0.05f;
            items[i * dim + 1] = shoe ? 0.05f : 0.9f - (i - 6) * 0.01f;
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add("i" + i);
        }
        return new VectorRecommender(IdIndex.of(List.of("p:1")), IdIndex.of(ids), new float[] {1f, 0.8f}, items, dim);
    }

    private static Catalog catalog() {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            items.add(Item.of("i" + i, i < 6 ? "shoes" : "hats", i != 1));
        }
        return Catalog.of(1, items);
    }

    @Test
    void reasonsNameTheMostSimilarHistoryItemAndDiversityMixesTopics() {
        VectorRecommender model = twoTopics();
        ServedModel served = new ServedModel("recommend.bpr", 1, model, null);
        ItemTable table = served.table(catalog());
        // history: a hat (i6) then a shoe (i0)
        RankRequest plain = new RankRequest(0, new int[] {6, 0}, new String[] {"viewed", "bought"}, 4,
                new int[] {6, 0}, Set.of(), Set.of(), List.of(), 0, 0);
        List<Ranked> ranked = Ranker.rank(served, table, plain);
        assertEquals(4, ranked.size());
        for (Ranked r : ranked) {
            assertFalse(r.item() == 1, "i1 is unavailable");
            assertFalse(r.item() == 0 || r.item() == 6, "history excluded");
            int expectedBecause = r.item() < 6 ? 1 : 0;   // shoes because of i0 (position 1), hats because of i6
            assertEquals(expectedBecause, r.because(), "reason of item " + r.item());
        }
        assertTrue(ranked.stream().allMatch(r -> r.item() < 6), "relevance alone: shoes only " + ranked);

        RankRequest diverse = new RankRequest(0, new int[] {6, 0}, null, 4, new int[] {6, 0}, Set.of(), Set.of(),
                List.of(), 0, 0.7);
        List<Ranked> mixed = Ranker.rank(served, table, diverse);
        assertTrue(mixed.stream().anyMatch(r -> r.item() >= 6), "MMR brings a hat in: " + mixed);
        assertTrue(mixed.get(0).item() < 6, "the most relevant stays first");
    }

    @Test
    void theApproximatePathAppliesTheSameFilters() {
        VectorRecommender model = VectorRecommender.random(5, 3000, 16, 11);
        HnswIndex index = HnswIndex.build(model.itemVectors(), 16, 16, 100, 1);
        ServedModel exact = new ServedModel("recommend.bpr", 1, model, null);
        ServedModel approximate = exact.withIndex(index);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            items.add(new Item("i" + i, null, i % 2 == 0 ? "even" : "odd", null, i % 5 != 0, Map.of(), null));
        }
        Catalog catalog = Catalog.of(1, items);
        RankRequest request = new RankRequest(2, new int[] {10, 20}, null, 10, new int[] {3, 7}, Set.of("odd"),
                Set.of(), List.of(), 0, 0);
        List<Ranked> a = Ranker.rank(approximate, approximate.table(catalog), request);
        List<Ranked> e = Ranker.rank(exact, exact.table(catalog), request);
        assertEquals(10, a.size());
        for (Ranked r : a) {
            assertEquals(1, r.item() % 2, "odd only");
            assertTrue(r.item() % 5 != 0, "available only");
            assertFalse(r.item() == 3 || r.item() == 7, "excluded");
        }
        long common = a.stream().filter(x -> e.stream().anyMatch(y -> y.item() == x.item())).count();
        assertTrue(common >= 9, "approximate top-10 matches exact: " + common);
    }
}

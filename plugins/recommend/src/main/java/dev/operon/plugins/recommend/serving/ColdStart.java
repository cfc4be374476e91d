package dev.operon.plugins.recommend.serving;

import dev.operon.plugins.recommend.catalog.Catalog;
import dev.operon.plugins.recommend.catalog.Item;
import dev.operon.plugins.recommend.coldstart.PopularLists;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks a popular list for a user without usable history, with the same rules as personalised lists: availability,
 * exclusions, categories, boosts and the category cap (the popular list has no similarity, so no MMR).
 */
final class ColdStart {

    private ColdStart() {
    }

    /** One picked entry. */
    record Pick(PopularLists.Entry entry, Item item, double relevance) {
    }

    static List<Pick> rank(List<PopularLists.Entry> list, Catalog catalog, Set<String> excluded,
                           Set<String> onlyCategories, Set<String> excludeCategories, List<Boost> boosts,
                           int maxPerCategory, int n) {
        double max = list.isEmpty() ? 0 : list.get(0).score();
        List<Pick> candidates = new ArrayList<>();
        for (PopularLists.Entry e : list) {
            Item item = catalog.get(e.itemId());
            if (excluded.contains(e.itemId()) || (!catalog.isEmpty() && (item == null || !item.available()))) {
                continue;
            }
            String category = item == null ? null : item.category();
            if (!onlyCategories.isEmpty() && (category == null || !onlyCategories.contains(category))) {
                continue;
            }
            if (category != null && excludeCategories.contains(category)) {
                continue;
            }
            double relevance = max > 0 ? e.score() / max : 1;
            if (item != null) {
                for (Boost b : boosts) {
                    if (b.matches(item.property(b.property()))) {
                        relevance += b.weight();
                    }
                }
            }
            candidates.add(new Pick(e, item, relevance));
        }
        candidates.sort((a, b) -> Double.compare(b.relevance(), a.relevance()));
        List<Pick> out = new ArrayList<>();
        Map<String, Integer> perCategory = new HashMap<>();
        for (Pick p : candidates) {
            if (out.size() == n) {
                break;
            }
            String category = p.item() == null ? null : p.item().category();
            if (maxPerCategory > 0 && category != null && perCategory.getOrDefault(category, 0) >= maxPerCategory) {
                continue;
            }
            if (category != null) {
                perCategory.merge(category, 1, Integer::sum);
            }
            out.add(p);
        }
        return out;
    }
}

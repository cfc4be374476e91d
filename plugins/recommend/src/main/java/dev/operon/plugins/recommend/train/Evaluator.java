package dev.operon.plugins.recommend.train;

import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.Recommender;
import dev.operon.plugins.recommend.model.TopItems;
import java.util.BitSet;
import java.util.stream.IntStream;

/**
 * Full-ranking evaluation: for every user with held-out items, scores all items with the user's history, drops
 * the excluded ones (what the user already had), and compares the top k with the held-out items.
 */
public final class Evaluator {

    private final Interactions history;
    private final Interactions[] excluded;
    private final Interactions targets;
    private final int k;

    /**
     * @param history  what the model is given as each user's history (usually what it was fitted on)
     * @param targets  the held-out items to find
     * @param k        list length
     * @param excluded parts whose items are never ranked for their user (history, earlier held-out parts)
     */
    public Evaluator(Interactions history, Interactions targets, int k, Interactions... excluded) {
        this.history = history;
        this.targets = targets;
        this.k = k;
        this.excluded = excluded;
    }

    /** Users that have held-out items. */
    public int users() {
        int n = 0;
        for (int u = 0; u < targets.userCount(); u++) {
            n += targets.count(u) > 0 ? 1 : 0;
        }
        return n;
    }

    public RankingMetrics evaluate(Recommender model) {
        int items = model.items().size();
        RankingMetrics[] perUser = new RankingMetrics[targets.userCount()];
        IntStream.range(0, targets.userCount()).parallel().filter(u -> targets.count(u) > 0).forEach(u -> {
            float[] scores = new float[items];
            model.score(u, history.itemsOf(u), scores);
            BitSet skip = new BitSet(items);
            for (Interactions part : excluded) {
                for (int k2 = 0; k2 < part.count(u); k2++) {
                    skip.set(part.itemAt(u, k2));
                }
            }
            int[] ranked = TopItems.top(scores, items, k, i -> !skip.get(i));
            BitSet relevant = new BitSet(items);
            for (int t : targets.itemsOf(u)) {
                relevant.set(t);
            }
            RankingMetrics one = new RankingMetrics(k);
            one.add(ranked, relevant::get, targets.count(u));
            perUser[u] = one;
        });
        // summed in user order: sums in the order threads finish differ in the last bits, enough to flip the
        // blend's weight search between two trials that rank alike
        RankingMetrics total = new RankingMetrics(k);
        for (RankingMetrics one : perUser) {
            if (one != null) {
                total.merge(one);
            }
        }
        return total;
    }
}

package dev.operon.plugins.recommend.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.operon.plugins.recommend.Synthetic;
import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.Recommender;
import dev.operon.plugins.recommend.model.TopItems;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/**
 * The evaluator's figures are the users' metrics added in user order, to the last bit, whatever order its threads
 * finish in: the blend's weight search compares them with {@code >}, so sums in finishing order made it choose
 * differently from one run to the next.
 */
class EvaluatorTest {

    @Test
    void metricsAreTheUsersSumInUserOrderExactly() throws Exception {
        Interactions all = Synthetic.groups(4, 60, 20, 12, 5);
        Splits.Parts split = Splits.randomPerUser(all, new double[] {0.8, 0.2}, 9);
        Interactions train = split.part(0);
        Interactions test = split.part(1);
        try (Recommender model = new ItemKnnTrainer().fit(train, java.util.Map.of("k", 10, "shrink", 0),
                null, KindTrainer.Progress.none()).model()) {
            RankingMetrics expected = new RankingMetrics(10);
            float[] scores = new float[train.itemCount()];
            for (int u = 0; u < test.userCount(); u++) {
                if (test.count(u) == 0) {
                    continue;
                }
                model.score(u, train.itemsOf(u), scores);
                BitSet seen = new BitSet();
                for (int i : train.itemsOf(u)) {
                    seen.set(i);
                }
                BitSet relevant = new BitSet();
                for (int i : test.itemsOf(u)) {
                    relevant.set(i);
                }
                RankingMetrics one = new RankingMetrics(10);
                one.add(TopItems.top(scores, scores.length, 10, i -> !seen.get(i)), relevant::get, test.count(u));
                expected.merge(one);
            }
            Evaluator evaluator = new Evaluator(train, test, 10, train);
            for (int run = 0; run < 20; run++) {
                RankingMetrics got = evaluator.evaluate(model);
                assertEquals(expected.users(), got.users());
                assertEquals(expected.ndcg(), got.ndcg(), 0.0, "run " + run);
                assertEquals(expected.recall(), got.recall(), 0.0, "run " + run);
                assertEquals(expected.mrr(), got.mrr(), 0.0, "run " + run);
                assertEquals(expected.hit(), got.hit(), 0.0, "run " + run);
            }
        }
    }
}

package dev.operon.plugins.recommend.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.operon.plugins.recommend.model.FactorRecommender;
import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.sdk.model.Training;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * BPR matrix factorisation trained with DJL: per epoch one (user, positive, sampled negative) triple per
 * interaction in random order, loss {@code softplus(-(u . (i - j)))} plus L2 on the rows used, Adam. With a
 * validator it checks NDCG@10 every {@code EVAL_EVERY} epochs, stops after {@code PATIENCE} checks without gain and
 * keeps the best epoch's vectors. The grid is the L2 strength.
 */
public final class BprTrainer implements KindTrainer {

    static final int DIMENSION = 64;
    static final int BATCH = 4096;
    static final int MAX_EPOCHS = 80;
    static final int EVAL_EVERY = 4;
    static final int PATIENCE = 3;
    private final long seed;

    public BprTrainer(long seed) {
        this.seed = seed;
    }

    @Override
    public ModelKind kind() {
        return ModelKind.BPR;
    }

    @Override
    public List<Map<String, Object>> grid(Interactions data) {
        List<Map<String, Object>> grid = new ArrayList<>();
        for (double l2 : new double[] {1e-4, 1e-3}) {
            grid.add(Map.of("dimension", DIMENSION, "learning-rate", 0.01, "l2", l2, "epochs", MAX_EPOCHS));
        }
        return grid;
    }

    @Override
    public Fitted fit(Interactions data, Map<String, Object> params, Validator validator, Progress progress)
            throws Exception {
        int dimension = HyperParams.integer(params, "dimension");
        float learningRate = (float) HyperParams.number(params, "learning-rate");
        float l2 = (float) HyperParams.number(params, "l2");
        int epochs = HyperParams.integer(params, "epochs");
        int users = data.userCount();
        int items = data.itemCount();
        int[] pairUser = new int[data.size()];
        int[] pairItem = new int[data.size()];
        int at = 0;
        for (int u = 0; u < users; u++) {
            for (int k = 0; k < data.count(u); k++) {
                pairUser[at] = u;
                pairItem[at++] = data.itemAt(u, k);
            }
        }
        int[][] sortedItems = new int[users][];
        for (int u = 0; u < users; u++) {
            sortedItems[u] = data.itemsOf(u);
            Arrays.sort(sortedItems[u]);
        }
        Random random = new Random(seed);
        FactorBlock block = new FactorBlock(users, items, dimension);
        block.setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build());
        float[] bestUsers = null;
        float[] bestItems = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        int checksWithoutGain = 0;
        int epoch = 0;
        try (Model model = Model.newInstance("bpr")) {
            model.setBlock(block);
            try (Trainer trainer = model.newTrainer(config)) {
                Shape batch = new Shape(BATCH);
                trainer.initialize(batch, batch, batch);
                NDManager manager = trainer.getManager();
                int[] order = new int[pairUser.length];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                for (epoch = 1; epoch <= epochs; epoch++) {
                    shuffle(order, random);
                    double lossSum = 0;
                    for (int start = 0; start < order.length; start += BATCH) {
                        int end = Math.min(order.length, start + BATCH);
                        long[] u = new long[end - start];
                        long[] i = new long[end - start];
                        long[] j = new long[end - start];
                        for (int p = start; p < end; p++) {
                            int pair = order[p];
                            u[p - start] = pairUser[pair];
                            i[p - start] = pairItem[pair];
                            j[p - start] = negative(sortedItems[pairUser[pair]], items, random);
                        }
                        try (NDManager step = manager.newSubManager();
                             GradientCollector collector = Training.collector(trainer)) {
                            NDList out = trainer.forward(new NDList(step.create(u), step.create(i), step.create(j)));
                            NDArray loss = Activation.softPlus(out.get(0).neg()).mean()
                                    .add(out.get(1).mul(l2 / (end - start)));
                            lossSum += loss.getFloat() * (end - start);
                            collector.backward(loss);
                        }
                        trainer.step();
                    }
                    if (validator != null && (epoch % EVAL_EVERY == 0 || epoch == epochs)) {
                        FactorRecommender current = snapshot(data, block, dimension);
                        double score = validator.ndcg(current);
                        progress.step(String.format(Locale.ROOT, "bpr l2 %s epoch %d loss %.4f validation"
                                + " ndcg@10 %.4f", l2, epoch, lossSum / order.length, score));
                        if (score > bestScore) {
                            bestScore = score;
                            bestEpoch = epoch;
                            bestUsers = block.users().getArray().toFloatArray();
                            bestItems = block.items().getArray().toFloatArray();
                            checksWithoutGain = 0;
                        } else if (++checksWithoutGain >= PATIENCE) {
                            break;
                        }
                    }
                }
                if (bestUsers == null) {
                    bestEpoch = epochs;
                    bestUsers = block.users().getArray().toFloatArray();
                    bestItems = block.items().getArray().toFloatArray();
                }
            }
        }
        Map<String, Object> used = new java.util.LinkedHashMap<>(params);
        used.put("epochs", bestEpoch);
        return new Fitted(new FactorRecommender(data.users(), data.items(), dimension, bestUsers, bestItems), used);
    }

    private static FactorRecommender snapshot(Interactions data, FactorBlock block, int dimension) {
        return new FactorRecommender(data.users(), data.items(), dimension,
                block.users().getArray().toFloatArray(), block.items().getArray().toFloatArray());
    }

    /** A uniformly random item the user does not have (any item when the user has them all). */
    static int negative(int[] sortedOwn, int items, Random random) {
        if (sortedOwn.length >= items) {
            return random.nextInt(items);
        }
        while (true) {
            int j = random.nextInt(items);
            if (Arrays.binarySearch(sortedOwn, j) < 0) {
                return j;
            }
        }
    }

    static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}

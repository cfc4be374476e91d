package dev.operon.plugins.recommend.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.SequenceNetwork;
import dev.operon.plugins.recommend.model.SequenceRecommender;
import dev.operon.sdk.model.Training;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Trains the {@link SequenceNetwork} for next-item prediction with DJL: every user's items in time order are cut
 * from the end into at most {@code windows} windows of L + 1 (one by default: the CPU budget); at every position the
 * target is the next item, scored against {@code negatives} sampled items (sampled-softmax cross-entropy; a full
 * softmax when {@code negatives} is at least the item count), Adam. With a validator it checks NDCG@10 every {@code EVAL_EVERY} epochs, stops after
 * {@code PATIENCE} checks without gain and keeps the best epoch's parameters.
 */
public final class SequenceTrainer implements KindTrainer {

    static final int BATCH = 128;
    static final int EVAL_EVERY = 3;
    static final int PATIENCE = 3;
    private final long seed;

    public SequenceTrainer(long seed) {
        this.seed = seed;
    }

    @Override
    public ModelKind kind() {
        return ModelKind.SASREC;
    }

    @Override
    public List<Map<String, Object>> grid(Interactions data) {
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("dimension", 64);
        base.put("layers", 2);
        base.put("heads", 2);
        base.put("length", 50);
        base.put("dropout", 0.2);
        base.put("learning-rate", 0.001);
        base.put("windows", 1);
        base.put("negatives", 256);
        base.put("epochs", 60);
        return List.of(base);
    }

    @Override
    public Fitted fit(Interactions data, Map<String, Object> params, Validator validator, Progress progress)
            throws Exception {
        int dimension = HyperParams.integer(params, "dimension");
        int layers = HyperParams.integer(params, "layers");
        int heads = HyperParams.integer(params, "heads");
        int length = HyperParams.integer(params, "length");
        float dropout = (float) HyperParams.number(params, "dropout");
        float learningRate = (float) HyperParams.number(params, "learning-rate");
        int epochs = HyperParams.integer(params, "epochs");
        List<int[]> windows = windows(data, length, HyperParams.integer(params, "windows"));
        int negatives = HyperParams.integer(params, "negatives");
        Random random = new Random(seed);
        // the initial weights and dropout masks come from the engine's generator: seeded here, so a fit does not
        // depend on what else drew from it before in the same process
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) seed);
        SequenceNetwork network = new SequenceNetwork(data.itemCount(), dimension, length, layers, heads, dropout);
        network.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
        Model model = Model.newInstance("sasrec");
        boolean handedOver = false;
        try {
            model.setBlock(network);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build());
            double bestScore = Double.NEGATIVE_INFINITY;
            int bestEpoch = 0;
            List<float[]> best = null;
            int checksWithoutGain = 0;
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(BATCH, length), new Shape(BATCH, length, length));
                NDManager manager = trainer.getManager();
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    java.util.Collections.shuffle(windows, random);
                    double lossSum = 0;
                    int batches = 0;
                    for (int start = 0; start < windows.size(); start += BATCH) {
                        List<int[]> batch = windows.subList(start, Math.min(windows.size(), start + BATCH));
                        try (NDManager step = manager.newSubManager();
                             GradientCollector collector = Training.collector(trainer)) {
                            NDArray loss = loss(network, trainer, step, batch, length, negatives, random);
                            lossSum += loss.getFloat();
                            batches++;
                            collector.backward(loss);
                        }
                        trainer.step();
                    }
                    progress.step(String.format(Locale.ROOT, "sasrec epoch %d loss %.4f", epoch,
                            lossSum / Math.max(1, batches)));
                    if (validator != null && (epoch % EVAL_EVERY == 0 || epoch == epochs)) {
                        double score = validator.ndcg(new SequenceRecommender(data.users(), data.items(),
                                network, manager, null));
                        progress.step(String.format(Locale.ROOT, "sasrec epoch %d validation ndcg@10 %.4f", epoch,
                                score));
                        if (score > bestScore) {
                            bestScore = score;
                            bestEpoch = epoch;
                            best = snapshot(network);
                            checksWithoutGain = 0;
                        } else if (++checksWithoutGain >= PATIENCE) {
                            break;
                        }
                    }
                }
            }
            if (best != null) {
                restore(network, best);
            } else {
                bestEpoch = epochs;
            }
            Map<String, Object> used = new LinkedHashMap<>(params);
            used.put("epochs", bestEpoch);
            handedOver = true;
            return new Fitted(new SequenceRecommender(data.users(), data.items(), model), used);
        } finally {
            if (!handedOver) {
                model.close();
            }
        }
    }

    /**
     * Mean sampled-softmax cross-entropy of the next item over the real (not padded) positions of a batch: the
     * target competes with {@code negatives} items drawn uniformly for the whole batch (a full softmax over every
     * item costs several times more on these CPUs for little gain).
     */
    private static NDArray loss(SequenceNetwork network, Trainer trainer, NDManager step, List<int[]> batch,
                                int length, int negatives, Random random) {
        List<int[]> inputs = new ArrayList<>(batch.size());
        long[] targets = new long[batch.size() * length];
        float[] weights = new float[batch.size() * length];
        for (int b = 0; b < batch.size(); b++) {
            int[] window = batch.get(b);
            int steps = window.length - 1;
            inputs.add(Arrays.copyOf(window, steps));
            int offset = length - steps;
            for (int k = 0; k < steps; k++) {
                targets[b * length + offset + k] = window[k + 1];
                weights[b * length + offset + k] = 1f;
            }
        }
        NDList out = trainer.forward(network.inputs(step, inputs));
        NDArray states = out.get(0).reshape(-1, network.dimension());
        NDArray table = out.get(1);
        NDArray positive = states.mul(table.get(step.create(targets))).sum(new int[] {1}, true);
        NDArray logits;
        if (negatives >= network.items()) {
            NDArray all = states.matMul(table.transpose());
            NDArray picked = all.logSoftmax(1).gather(step.create(targets, new Shape(targets.length, 1)), 1)
                    .reshape(-1);
            NDArray mask = step.create(weights);
            return picked.mul(mask).sum().neg().div(mask.sum());
        }
        long[] sampled = new long[negatives];
        for (int k = 0; k < negatives; k++) {
            sampled[k] = random.nextInt(network.items());
        }
        logits = NDArrays.concat(new NDList(positive, states.matMul(table.get(step.create(sampled)).transpose())),
                1);
        NDArray picked = logits.logSoftmax(1).get(":, 0");
        NDArray mask = step.create(weights);
        return picked.mul(mask).sum().neg().div(mask.sum());
    }

    /** Windows of at most L + 1 items cut from the end of each user's sequence (at least 2 items each). */
    static List<int[]> windows(Interactions data, int length, int maxWindows) {
        List<int[]> windows = new ArrayList<>();
        for (int u = 0; u < data.userCount(); u++) {
            int[] sequence = data.itemsOf(u);
            int cut = 0;
            for (int end = sequence.length; end >= 2 && cut < maxWindows; end -= length, cut++) {
                windows.add(Arrays.copyOfRange(sequence, Math.max(0, end - length - 1), end));
            }
        }
        return windows;
    }

    private static List<float[]> snapshot(SequenceNetwork network) {
        List<float[]> values = new ArrayList<>();
        for (var pair : network.getParameters()) {
            values.add(pair.getValue().getArray().toFloatArray());
        }
        return values;
    }

    private static void restore(SequenceNetwork network, List<float[]> values) {
        int i = 0;
        for (var pair : network.getParameters()) {
            NDArray array = pair.getValue().getArray();
            array.set(values.get(i++));
        }
    }
}

package dev.operon.plugins.marketing.uplift;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import dev.operon.sdk.model.Training;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The two-model uplift estimator: one classifier learns P(outcome | features) on the treated users, another on the
 * untreated ones; a user's uplift is the difference of the two predictions. Each classifier is a small DJL network
 * (one hidden layer of {@value #HIDDEN} ReLU units, a logit output, binary cross-entropy, Adam).
 */
final class TwoModelUplift implements AutoCloseable {

    static final int HIDDEN = 16;

    private final NDManager manager = NDManager.newBaseManager();
    private final List<Model> models = new ArrayList<>();
    private SequentialBlock treatedBlock;
    private SequentialBlock controlBlock;
    private int width;

    /** Trains both models. */
    void fit(float[][] x, boolean[] treated, boolean[] outcome, int epochs, long seed)
            throws IOException, TranslateException {
        fit(x, treated, outcome, epochs, seed, () -> { });
    }

    /** Trains both models, calling {@code afterEpoch} after each epoch of each (to stop a cancelled task). */
    void fit(float[][] x, boolean[] treated, boolean[] outcome, int epochs, long seed, Runnable afterEpoch)
            throws IOException, TranslateException {
        Engine.getInstance().setRandomSeed((int) seed);
        width = x[0].length;
        treatedBlock = train(subset(x, treated, true), labels(outcome, treated, true), epochs, "treated", afterEpoch);
        controlBlock = train(subset(x, treated, false), labels(outcome, treated, false), epochs, "control",
                afterEpoch);
    }

    /** One branch: a hidden ReLU layer and a logit. */
    static SequentialBlock branch() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(HIDDEN).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(1).build());
    }

    /** Both branches side by side: output {@code (rows, 2)}, the treated logit then the control logit. */
    static Block pair(Block treated, Block control) {
        return new ParallelBlock(outputs -> new NDList(NDArrays.concat(new NDList(
                outputs.get(0).singletonOrThrow(), outputs.get(1).singletonOrThrow()), 1)), List.of(treated, control));
    }

    /** Saves both trained branches as one DJL model named {@code name} in {@code directory}. */
    void save(Path directory, String name) throws IOException {
        try (Model model = Model.newInstance(name)) {
            Block treated = branch();
            Block control = branch();
            Block pair = pair(treated, control);
            pair.initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, width));
            // the branches were trained as separate models: their parameters are copied into the pair's
            copy(treatedBlock, treated, model.getNDManager());
            copy(controlBlock, control, model.getNDManager());
            model.setBlock(pair);
            model.save(directory, name);
        } catch (MalformedModelException e) {
            throw new IOException("cannot copy the trained parameters", e);
        }
    }

    private static void copy(Block from, Block to, NDManager manager) throws IOException, MalformedModelException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            from.saveParameters(out);
        }
        to.loadParameters(manager, new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
    }

    /** Loads what {@link #save} wrote. */
    static Model load(Path directory, String name, Device device) throws IOException, MalformedModelException {
        Model model = Model.newInstance(name, device);
        try {
            model.setBlock(pair(branch(), branch()));
            model.load(directory, name);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    /** Predicted uplift (treated minus untreated probability) of each row. */
    double[] predict(float[][] x) {
        double[] out = new double[x.length];
        int batch = 8192;
        for (int from = 0; from < x.length; from += batch) {
            int to = Math.min(x.length, from + batch);
            float[][] part = java.util.Arrays.copyOfRange(x, from, to);
            try (NDManager scope = manager.newSubManager()) {
                NDArray input = scope.create(part);
                float[] pt = probability(treatedBlock, scope, input);
                float[] pc = probability(controlBlock, scope, input);
                for (int i = 0; i < part.length; i++) {
                    out[from + i] = pt[i] - pc[i];
                }
            }
        }
        return out;
    }

    private static float[] probability(SequentialBlock block, NDManager scope, NDArray input) {
        NDArray logits = block.forward(new ParameterStore(scope, false), new NDList(input), false).singletonOrThrow();
        return Activation.sigmoid(logits).toFloatArray();
    }

    private SequentialBlock train(float[][] x, float[][] y, int epochs, String name, Runnable afterEpoch)
            throws IOException, TranslateException {
        int width = x[0].length;
        SequentialBlock block = branch();
        Model model = Model.newInstance("uplift-" + name);
        models.add(model);
        model.setBlock(block);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build());
        try (Trainer trainer = model.newTrainer(config); NDManager data = manager.newSubManager()) {
            trainer.initialize(new Shape(1, width));
            ArrayDataset dataset = new ArrayDataset.Builder().setData(data.create(x)).optLabels(data.create(y))
                    .setSampling(Math.min(256, x.length), true).build();
            for (int epoch = 0; epoch < epochs; epoch++) {
                for (Batch batch : trainer.iterateDataset(dataset)) {
                    Training.trainBatch(trainer, batch);
                    trainer.step();
                    batch.close();
                }
                trainer.notifyListeners(listener -> listener.onEpoch(trainer));
                afterEpoch.run();
            }
        }
        return block;
    }

    private static float[][] subset(float[][] x, boolean[] treated, boolean which) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (treated[i] == which) {
                out.add(x[i]);
            }
        }
        return out.toArray(float[][]::new);
    }

    private static float[][] labels(boolean[] outcome, boolean[] treated, boolean which) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < outcome.length; i++) {
            if (treated[i] == which) {
                out.add(new float[] {outcome[i] ? 1f : 0f});
            }
        }
        return out.toArray(float[][]::new);
    }

    @Override
    public void close() {
        models.forEach(Model::close);
        manager.close();
    }
}

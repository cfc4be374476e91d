package dev.operon.plugins.anomaly.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.operon.sdk.model.Training;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Trains a {@link WindowGan} on the windows of one series with DJL, alternating two steps per batch: the critic
 * learns to tell real windows from reconstructed ones (logistic loss), then the encoder-generator learns to
 * reconstruct (L1, weighted) while fooling the critic. Bounded by epochs only, so the same data always gives the
 * same model whatever the machine's load.
 */
public final class WindowGanTrainer {

    /** Training knobs; one setting for every series. */
    public record Settings(int epochs, int batch, float learningRate, float reconstructionWeight, long seed) {

        public static final Settings DEFAULTS = new Settings(10, 64, 0.01f, 10f, 7);
    }

    private WindowGanTrainer() {
    }

    /**
     * Trains on the windows of {@code values} (missing points skipped).
     *
     * @throws IllegalArgumentException with fewer than {@code 4 * WIDTH} observed values
     */
    public static WindowGan train(double[] values, Settings settings) {
        int width = WindowEncoding.WIDTH;
        double[] observed = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        int windows = observed.length - width + 1;
        if (windows < 3 * width) {
            throw new IllegalArgumentException("too few observed values to train a window GAN: need at least "
                    + 4 * width);
        }
        float[] inputs = new float[windows * width];
        for (int w = 0; w < windows; w++) {
            WindowEncoding.encode(observed, w, inputs, w * width);
        }
        // PyTorch allows one gradient collector at a time in the process: the forecaster's lock serialises both
        synchronized (ForecasterTrainer.class) {
            return fit(inputs, windows, settings);
        }
    }

    private static WindowGan fit(float[] inputs, int windows, Settings settings) {
        int width = WindowEncoding.WIDTH;
        Engine.getInstance().setRandomSeed((int) settings.seed());
        try (Model generator = Model.newInstance("window-gan-generator", Device.cpu());
             Model critic = Model.newInstance("window-gan-critic", Device.cpu())) {
            generator.setBlock(WindowGan.generatorBlock());
            critic.setBlock(WindowGan.criticBlock());
            try (Trainer g = generator.newTrainer(config(settings));
                 Trainer c = critic.newTrainer(config(settings))) {
                g.initialize(new Shape(1, width));
                c.initialize(new Shape(1, width));
                int[] order = new int[windows];
                for (int i = 0; i < windows; i++) {
                    order[i] = i;
                }
                Random random = new Random(settings.seed());
                for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                    Shuffle.inPlace(order, random);
                    for (int start = 0; start < windows; start += settings.batch()) {
                        int end = Math.min(windows, start + settings.batch());
                        float[] batch = new float[(end - start) * width];
                        for (int i = start; i < end; i++) {
                            System.arraycopy(inputs, order[i] * width, batch, (i - start) * width, width);
                        }
                        try (NDManager step = g.getManager().newSubManager()) {
                            NDArray x = step.create(batch, new Shape(end - start, width));
                            criticStep(g, c, x);
                            generatorStep(g, c, x, settings.reconstructionWeight());
                        }
                    }
                }
                return new WindowGan(TrainedForecaster.snapshot(generator.getBlock()),
                        TrainedForecaster.snapshot(critic.getBlock()));
            }
        }
    }

    private static void criticStep(Trainer g, Trainer c, NDArray x) {
        NDArray fake = g.evaluate(new NDList(x)).singletonOrThrow();
        try (GradientCollector collector = Training.collector(c)) {
            collector.zeroGradients();
            NDArray real = c.forward(new NDList(x)).singletonOrThrow();
            NDArray judgedFake = c.forward(new NDList(fake)).singletonOrThrow();
            collector.backward(Activation.softPlus(real.neg()).mean().add(Activation.softPlus(judgedFake).mean()));
        }
        c.step();
    }

    private static void generatorStep(Trainer g, Trainer c, NDArray x, float reconstructionWeight) {
        try (GradientCollector collector = Training.collector(g)) {
            // the critic's parameters also receive gradients here; zeroed before its next step
            collector.zeroGradients();
            NDArray reconstructed = g.forward(new NDList(x)).singletonOrThrow();
            NDArray judged = c.forward(new NDList(reconstructed)).singletonOrThrow();
            NDArray loss = reconstructed.sub(x).abs().mean().mul(reconstructionWeight)
                    .add(Activation.softPlus(judged.neg()).mean());
            collector.backward(loss);
        }
        g.step();
    }

    private static DefaultTrainingConfig config(Settings settings) {
        return new DefaultTrainingConfig(Loss.l1Loss()) // the losses are computed by hand; this one is unused
                .optDevices(new Device[] {Device.cpu()})
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(settings.learningRate()))
                        .optBeta1(0.5f).build());
    }
}

package dev.operon.plugins.anomaly.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.operon.sdk.model.Training;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains a {@link ForecastNetwork} on one series: every window of {@link WindowEncoding#WIDTH} observed values
 * predicts the next one; the last fifth of the windows (in time) is held out for validation, and the parameters of
 * the epoch with the lowest validation error are kept. Bounded by {@code maxEpochs} and a time budget, so a series
 * trains in well under five seconds on one core.
 */
public final class ForecasterTrainer {

    /** Training knobs; one setting for every series. */
    public record Settings(int maxEpochs, int batch, float learningRate, long budgetMillis, int maxWindows,
                           long seed) {

        public static final Settings DEFAULTS = new Settings(30, 64, 0.01f, 3_000, 4_000, 7);

        /**
         * Bounded by epochs only: the same data always gives the same model, whatever the machine's load (the
         * online detector's scores must not depend on how fast the CPU was when it trained).
         */
        public static final Settings REPRODUCIBLE = new Settings(15, 64, 0.01f, Long.MAX_VALUE, 4_000, 7);
    }

    private ForecasterTrainer() {
    }

    /**
     * Trains on {@code values} (missing points, NaN, are skipped: windows are built from observed values).
     *
     * @throws IllegalArgumentException with fewer than {@code 4 * WIDTH} observed values
     */
    public static TrainedForecaster train(double[] values, Settings settings) {
        return train(List.of(values), settings);
    }

    /**
     * Trains one network on the windows of several series (each window is normalised by itself, so series of any
     * scale can share a network); the last fifth of each series' windows is held out.
     *
     * @throws IllegalArgumentException when no series has {@code 4 * WIDTH} observed values
     */
    public static TrainedForecaster train(List<double[]> series, Settings settings) {
        int width = WindowEncoding.WIDTH;
        int perSeries = Math.max(4 * width, settings.maxWindows() / Math.max(1, series.size()));
        List<float[]> trainX = new ArrayList<>();
        List<float[]> validationX = new ArrayList<>();
        for (double[] values : series) {
            double[] observed = java.util.Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
            int windows = observed.length - width;
            if (windows < 3 * width) {
                continue;
            }
            int first = Math.max(0, windows - perSeries);
            int count = windows - first;
            int validationFrom = count - Math.max(1, count / 5);
            for (int w = 0; w < count; w++) {
                float[] row = new float[width + 1];
                WindowEncoding.Frame frame = WindowEncoding.encode(observed, first + w, row, 0);
                row[width] = frame.encode(observed[first + w + width]);
                (w < validationFrom ? trainX : validationX).add(row);
            }
        }
        if (trainX.isEmpty()) {
            throw new IllegalArgumentException("too few observed values to train a forecaster: need at least "
                    + 4 * width + " in one series");
        }
        int trainCount = trainX.size();
        int validationCount = validationX.size();
        int count = trainCount + validationCount;
        float[] inputs = new float[count * width];
        float[] targets = new float[count];
        for (int i = 0; i < count; i++) {
            float[] row = i < trainCount ? trainX.get(i) : validationX.get(i - trainCount);
            System.arraycopy(row, 0, inputs, i * width, width);
            targets[i] = row[width];
        }
        // PyTorch records gradients process-wide: one training at a time (each takes a few seconds at most)
        synchronized (ForecasterTrainer.class) {
            return fit(inputs, targets, trainCount, validationCount, settings);
        }
    }

    private static TrainedForecaster fit(float[] inputs, float[] targets, int trainCount, int validationCount,
                                         Settings settings) {
        int width = WindowEncoding.WIDTH;
        int count = trainCount + validationCount;
        long started = System.nanoTime();
        Engine.getInstance().setRandomSeed((int) settings.seed());
        Model model = Model.newInstance(TrainedForecaster.MODEL_NAME, Device.cpu());
        try {
            model.setBlock(ForecastNetwork.create());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l1Loss())
                    .optDevices(new Device[] {Device.cpu()})
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(settings.learningRate()))
                            .build());
            double bestError = Double.POSITIVE_INFINITY;
            List<float[]> best = null;
            int epochs = 0;
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, width));
                NDManager manager = trainer.getManager();
                int[] order = new int[trainCount];
                for (int i = 0; i < trainCount; i++) {
                    order[i] = i;
                }
                Random random = new Random(settings.seed());
                NDArray validationX = manager.create(java.util.Arrays.copyOfRange(inputs, trainCount * width,
                        count * width), new Shape(validationCount, width));
                for (int epoch = 1; epoch <= settings.maxEpochs(); epoch++) {
                    Shuffle.inPlace(order, random);
                    for (int start = 0; start < trainCount; start += settings.batch()) {
                        int end = Math.min(trainCount, start + settings.batch());
                        try (NDManager step = manager.newSubManager()) {
                            float[] x = new float[(end - start) * width];
                            float[] y = new float[end - start];
                            for (int i = start; i < end; i++) {
                                System.arraycopy(inputs, order[i] * width, x, (i - start) * width, width);
                                y[i - start] = targets[order[i]];
                            }
                            try (GradientCollector collector = Training.collector(trainer)) {
                                NDList predicted = trainer.forward(new NDList(step.create(x,
                                        new Shape(end - start, width))));
                                NDArray loss = trainer.getLoss().evaluate(
                                        new NDList(step.create(y, new Shape(end - start, 1))), predicted);
                                collector.backward(loss);
                            }
                            trainer.step();
                        }
                    }
                    epochs = epoch;
                    double error;
                    try (NDManager step = manager.newSubManager()) {
                        float[] predicted = trainer.evaluate(new NDList(validationX)).singletonOrThrow()
                                .toFloatArray();
                        double sum = 0;
                        for (int i = 0; i < validationCount; i++) {
                            sum += Math.abs(predicted[i] - targets[trainCount + i]);
                        }
                        error = sum / validationCount;
                    }
                    if (error < bestError) {
                        bestError = error;
                        best = TrainedForecaster.snapshot(model.getBlock());
                    }
                    if ((System.nanoTime() - started) / 1_000_000 > settings.budgetMillis()) {
                        break;
                    }
                }
                TrainedForecaster.restore(model.getBlock(), best);
            }
            double naive = 0;
            for (int i = trainCount; i < count; i++) {
                naive += Math.abs(inputs[i * width + width - 1] - targets[i]);
            }
            naive /= validationCount;
            return new TrainedForecaster(model, bestError, naive, epochs, (System.nanoTime() - started) / 1e9);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}

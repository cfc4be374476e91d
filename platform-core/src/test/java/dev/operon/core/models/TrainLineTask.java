package dev.operon.core.models;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.operon.sdk.model.EpochProgress;
import dev.operon.sdk.model.ModelDraft;
import dev.operon.sdk.model.Training;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Trains a {@link LineModel} on noisy points of {@code y = slope x + intercept} (the validation error is about
 * {@code noise²}, which lets tests make better and worse versions), reports each epoch with {@link EpochProgress}
 * and registers the result. It deletes the model folder right after registering, as the SDK allows.
 */
public class TrainLineTask implements TaskType<TrainLineTask.Input, TrainLineTask.Output> {

    static final int BATCH = 16;

    /**
     * @param modelType         which type to register (default {@code test-kit.line})
     * @param pauseMillis       a pause per batch, to make a training slow enough to cancel mid-epoch
     * @param failAfterRegister throw after registering, to check that a failed training leaves nothing
     * @param omitMetric        register without the primary metric
     */
    public record Input(String modelType, Double slope, Double intercept, Double noise, Integer epochs,
                        Integer batches, Integer pauseMillis, Boolean failAfterRegister, Boolean omitMetric) {

        public Input {
            modelType = modelType == null ? "test-kit.line" : modelType;
            slope = slope == null ? 2.0 : slope;
            intercept = intercept == null ? 1.0 : intercept;
            noise = noise == null ? 0.0 : noise;
            epochs = epochs == null ? 8 : epochs;
            batches = batches == null ? 16 : batches;
            pauseMillis = pauseMillis == null ? 0 : pauseMillis;
            failAfterRegister = failAfterRegister != null && failAfterRegister;
            omitMetric = omitMetric != null && omitMetric;
        }
    }

    /** @param mse the validation mean squared error */
    public record Output(double mse, int epochs) {
    }

    @Override
    public String id() {
        return "test-kit.train-line";
    }

    @Override
    public String title() {
        return "Train a line";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<Output> outputType() {
        return Output.class;
    }

    @Override
    public Output run(TaskContext context, Input input) throws Exception {
        Path folder = Files.createTempDirectory("line-model");
        try {
            double mse;
            EpochProgress progress = new EpochProgress(context, input.epochs());
            try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("line")) {
                model.setBlock(LineModel.block());
                Random random = new Random();
                ArrayDataset train = dataset(manager, input, input.batches() * BATCH, random);
                ArrayDataset validation = dataset(manager, input, 8 * BATCH, random);
                DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                        .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.1f)).build())
                        .addTrainingListeners(progress, new Pause(input.pauseMillis()));
                try (Trainer trainer = model.newTrainer(config)) {
                    trainer.initialize(new Shape(BATCH, 1));
                    Training.fit(trainer, input.epochs(), train, validation);
                    mse = meanSquaredError(trainer, manager, validation);
                    context.log().info("validation mse " + mse);
                }
                model.save(folder, "line");
            }
            ModelDraft.Builder draft = ModelDraft.of(input.modelType(), folder, "line")
                    .parameter("slope", input.slope()).parameter("intercept", input.intercept())
                    .parameter("noise", input.noise()).parameter("epochs", input.epochs())
                    .testMetric("epochs_run", progress.epochs()).property("inputs", "1");
            if (!input.omitMetric()) {
                draft.validationMetric("mse", mse);
            }
            context.models().register(draft.build());
            if (input.failAfterRegister()) {
                throw new IllegalStateException("failing on purpose after registering");
            }
            return new Output(mse, progress.epochs());
        } finally {
            Artifacts.deleteQuietly(folder);
        }
    }

    private static ArrayDataset dataset(NDManager manager, Input input, int rows, Random random) {
        float[] xs = new float[rows];
        float[] ys = new float[rows];
        for (int i = 0; i < rows; i++) {
            xs[i] = random.nextFloat() * 2 - 1;
            ys[i] = (float) (input.slope() * xs[i] + input.intercept() + input.noise() * random.nextGaussian());
        }
        return new ArrayDataset.Builder().setData(manager.create(xs, new Shape(rows, 1)))
                .optLabels(manager.create(ys, new Shape(rows, 1))).setSampling(BATCH, true).build();
    }

    private static double meanSquaredError(Trainer trainer, NDManager manager, ArrayDataset validation) {
        double sum = 0;
        long count = 0;
        for (long i = 0; i < validation.size(); i++) {
            var record = validation.get(manager, i);
            NDArray x = record.getData().singletonOrThrow().reshape(1, 1);
            NDArray y = record.getLabels().singletonOrThrow();
            NDArray predicted = trainer.evaluate(new NDList(x)).singletonOrThrow();
            double error = predicted.getFloat(0, 0) - y.getFloat(0);
            sum += error * error;
            count++;
        }
        return sum / count;
    }

    /** Sleeps after each batch. */
    private static final class Pause extends TrainingListenerAdapter {
        private final int millis;

        Pause(int millis) {
            this.millis = millis;
        }

        @Override
        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
            if (millis > 0) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}

package dev.operon.examples.imageclassifier;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingResult;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.DivergenceCheckTrainingListener;
import ai.djl.training.listener.EpochTrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.operon.sdk.config.PluginConfig;
import dev.operon.sdk.model.EpochProgress;
import dev.operon.sdk.model.ModelDraft;
import dev.operon.sdk.model.Training;
import dev.operon.sdk.task.Concurrency;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskDefaults;
import dev.operon.sdk.task.TaskType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Trains a new version of the CNN on an image folder: loads and splits the images, trains with Adam on softmax
 * cross-entropy, reports loss and accuracy after every epoch ({@link EpochProgress}), then registers the version with
 * its validation accuracy as the primary metric. A cancelled or failed run registers nothing.
 *
 * <p>The saved files stay in a temporary folder: the platform copies them when the run has succeeded.
 */
final class TrainTask implements TaskType<TrainInput, TrainSummary> {

    static final String MODEL_NAME = "cnn";

    @Override
    public String id() {
        return ImageClassifierPlugin.ID + ".train";
    }

    @Override
    public String title() {
        return "Train the image classifier";
    }

    @Override
    public String description() {
        return "Trains a small CNN on an image folder (one sub-folder per class) and registers it as a new version of "
                + ImageClassifierPlugin.MODEL + "; it serves classify when it beats the current one.";
    }

    @Override
    public Class<TrainInput> inputType() {
        return TrainInput.class;
    }

    @Override
    public Class<TrainSummary> outputType() {
        return TrainSummary.class;
    }

    @Override
    public TaskDefaults defaults() {
        return TaskDefaults.STANDARD.withTimeout(Duration.ofHours(2)).withConcurrency(Concurrency.SKIP);
    }

    @Override
    public TrainSummary run(TaskContext context, TrainInput input) throws Exception {
        long started = System.nanoTime();
        Settings settings = Settings.of(input, context.config());
        context.log().info("training on " + input.folder() + " with " + settings);
        Engine.getInstance().setRandomSeed(settings.seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            ImageFolderData data = ImageFolderData.load(Path.of(input.folder()), settings.imageSize,
                    settings.validationFraction, settings.seed, manager, context);
            context.log().info(String.format(Locale.ROOT, "classes %s: %d training and %d validation images"
                            + " (%d files skipped)", data.classes, data.trainLabels.size(),
                    data.validationLabels.size(), data.skipped));
            ArrayDataset train = new ArrayDataset.Builder().setData(data.trainImages).optLabels(data.trainLabels)
                    .setSampling(settings.batchSize, true).build();
            ArrayDataset validation = new ArrayDataset.Builder().setData(data.validationImages)
                    .optLabels(data.validationLabels).setSampling(settings.batchSize, false).build();

            try (Model model = Model.newInstance(MODEL_NAME)) {
                model.setBlock(CnnBlock.build(data.classes.size()));
                EpochProgress progress = new EpochProgress(context, settings.epochs);
                DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                        .addEvaluator(new Accuracy())
                        .optOptimizer(Optimizer.adam().optLearningRateTracker(
                                Tracker.fixed(settings.learningRate)).build())
                        .addTrainingListeners(new EpochTrainingListener(), progress,
                                new DivergenceCheckTrainingListener());
                TrainingResult result;
                try (Trainer trainer = model.newTrainer(config)) {
                    trainer.initialize(new Shape(1, 3, settings.imageSize, settings.imageSize));
                    Training.fit(trainer, settings.epochs, train, validation);
                    result = trainer.getTrainingResult();
                }
                double accuracy = result.getValidateEvaluation("Accuracy");
                double validationLoss = result.getValidateLoss();
                double trainLoss = result.getTrainLoss();
                context.checkCancelled();

                Path directory = Files.createTempDirectory("image-classifier-model-");
                model.setProperty("Epoch", String.valueOf(settings.epochs));
                model.save(directory, MODEL_NAME);
                context.models().register(ModelDraft.of(ImageClassifierPlugin.MODEL, directory, MODEL_NAME)
                        .validationMetric(CnnModelType.ACCURACY, accuracy)
                        .validationMetric("loss", validationLoss)
                        .parameter("epochs", settings.epochs)
                        .parameter("image-size", settings.imageSize)
                        .parameter("batch-size", settings.batchSize)
                        .parameter("learning-rate", settings.learningRate)
                        .parameter("validation-fraction", settings.validationFraction)
                        .parameter("seed", settings.seed)
                        .parameter("train-images", data.trainLabels.size())
                        .parameter("validation-images", data.validationLabels.size())
                        .property(CnnModelType.CLASSES, ClassNames.encode(data.classes))
                        .property(CnnModelType.IMAGE_SIZE, String.valueOf(settings.imageSize))
                        .build());

                double seconds = (System.nanoTime() - started) / 1e9;
                context.metrics().record("training.seconds", seconds);
                context.log().info(String.format(Locale.ROOT, "validation accuracy %.4f after %d epochs in %.1f s",
                        accuracy, settings.epochs, seconds));
                context.progress(100, "registered");
                return new TrainSummary(data.classes, (int) data.trainLabels.size(),
                        (int) data.validationLabels.size(), data.skipped, progress.epochs(), accuracy, validationLoss,
                        trainLoss, seconds);
            }
        }
    }

    /** The input's values, or the configuration's where the input leaves them out. */
    private record Settings(int epochs, int imageSize, int batchSize, float learningRate, double validationFraction,
                            int seed) {

        static Settings of(TrainInput input, PluginConfig config) {
            return new Settings(
                    input.epochs() != null ? input.epochs() : config.getInt(ImageClassifierPlugin.DEFAULT_EPOCHS),
                    input.imageSize() != null ? input.imageSize() : config.getInt(ImageClassifierPlugin.IMAGE_SIZE),
                    input.batchSize() != null ? input.batchSize() : config.getInt(ImageClassifierPlugin.BATCH_SIZE),
                    (float) (input.learningRate() != null ? input.learningRate()
                            : config.getDouble(ImageClassifierPlugin.LEARNING_RATE)),
                    input.validationFraction() != null ? input.validationFraction()
                            : config.getDouble(ImageClassifierPlugin.VALIDATION_FRACTION),
                    input.seed() != null ? input.seed() : config.getInt(ImageClassifierPlugin.SEED));
        }
    }
}

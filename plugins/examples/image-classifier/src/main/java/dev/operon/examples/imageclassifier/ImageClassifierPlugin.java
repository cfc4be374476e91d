package dev.operon.examples.imageclassifier;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginContext;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.config.ConfigType;
import dev.operon.sdk.model.ModelType;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.panel.Widget;
import dev.operon.sdk.task.TaskType;
import java.util.List;

/**
 * An example third-party plugin: trains a small convolutional network on a folder of images (one sub-folder per
 * class) and classifies uploaded images with the best version. Built only on the Operon SDK and DJL's API.
 *
 * <ul>
 *   <li>task {@code image-classifier.train}: trains and registers a version ({@link TrainInput})</li>
 *   <li>model {@code image-classifier.cnn}: judged by validation accuracy</li>
 *   <li>operations {@code classify}, {@code recent-results}, {@code model-info}</li>
 *   <li>panel {@code image-classifier}: a classify form, the current model's accuracy, recent results</li>
 * </ul>
 */
public final class ImageClassifierPlugin implements OperonPlugin {

    /** The plugin id. */
    public static final String ID = "image-classifier";
    /** The model type id. */
    public static final String MODEL = ID + ".cnn";

    static final String DEFAULT_EPOCHS = "default-epochs";
    static final String IMAGE_SIZE = "image-size";
    static final String BATCH_SIZE = "batch-size";
    static final String LEARNING_RATE = "learning-rate";
    static final String VALIDATION_FRACTION = "validation-fraction";
    static final String SEED = "seed";
    static final String RECENT_RESULTS = "recent-results";

    private final RecentResults recent = new RecentResults();
    private final List<TaskType<?, ?>> tasks = List.of(new TrainTask());
    private final List<ModelType<?, ?>> models = List.of(new CnnModelType());
    private final List<Operation<?, ?>> operations = List.of(new ClassifyOperation(recent),
            new RecentResultsOperation(recent), new ModelInfoOperation());
    private final List<Panel> panels = List.of(Panel.of(ID, "Image classifier",
            new Widget.Text("Train with the task `" + ID + ".train` on a folder holding one sub-folder of images per"
                    + " class; the best version answers here."),
            new Widget.Kpi("Validation accuracy of the current model", "model-info", "validationAccuracy", "%"),
            new Widget.Form("Classify an image", "classify"),
            new Widget.Table("Recent results", "recent-results", List.of(
                    new Widget.Column("at", "When", true),
                    new Widget.Column("label", "Class", true),
                    new Widget.Column("confidence", "Confidence", true),
                    new Widget.Column("modelVersion", "Model version", false)))));
    private final List<ConfigProperty> config = List.of(
            ConfigProperty.of(DEFAULT_EPOCHS, ConfigType.INTEGER, "10",
                    "Epochs a training runs when its input does not say").between(1, 200),
            ConfigProperty.of(IMAGE_SIZE, ConfigType.INTEGER, "32",
                    "Side in pixels images are resized to for training (each version keeps its own)").between(8, 128),
            ConfigProperty.of(BATCH_SIZE, ConfigType.INTEGER, "32", "Images per training step").between(1, 1024),
            ConfigProperty.of(LEARNING_RATE, ConfigType.DECIMAL, "0.002", "Adam's learning rate").between(1e-5, 1),
            ConfigProperty.of(VALIDATION_FRACTION, ConfigType.DECIMAL, "0.2",
                    "Share of each class held out to measure accuracy").between(0.05, 0.5),
            ConfigProperty.of(SEED, ConfigType.INTEGER, "42",
                    "Seed of the split, the shuffling and the initial weights"),
            ConfigProperty.of(RECENT_RESULTS, ConfigType.INTEGER, "50",
                    "How many recent classifications each node keeps for the console").between(0, 1000));

    @Override
    public PluginInfo info() {
        return new PluginInfo(ID, "Image classifier", "0.1.0", "[1.0,2.0)",
                "Trains a small CNN on a folder of labelled images and classifies uploaded images.");
    }

    @Override
    public List<TaskType<?, ?>> tasks() {
        return tasks;
    }

    @Override
    public List<ModelType<?, ?>> models() {
        return models;
    }

    @Override
    public List<Operation<?, ?>> operations() {
        return operations;
    }

    @Override
    public List<Panel> panels() {
        return panels;
    }

    @Override
    public List<ConfigProperty> config() {
        return config;
    }

    @Override
    public void start(PluginContext context) {
        context.metrics().gauge("recent-results", recent::size);
    }
}

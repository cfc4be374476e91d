package dev.operon.examples.imageclassifier;

import dev.operon.sdk.DeclaredPlugin;
import dev.operon.sdk.PluginContext;
import dev.operon.sdk.PluginDeclaration;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.config.ConfigType;
import dev.operon.sdk.panel.Panel;
import dev.operon.sdk.panel.Widget;
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
public final class ImageClassifierPlugin extends DeclaredPlugin {

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

    @Override
    protected PluginDeclaration declare() {
        return PluginDeclaration.of(new PluginInfo(ID, "Image classifier", "0.1.0", "[1.7,2.0)",
                        "Trains a small CNN on a folder of labelled images and classifies uploaded images."))
                .tasks(List.of(new TrainTask()))
                .models(List.of(new CnnModelType()))
                .operations(List.of(new ClassifyOperation(recent), new RecentResultsOperation(recent),
                        new ModelInfoOperation()))
                .panels(List.of(panel()))
                .config(configProperties())
                .build();
    }

    private static Panel panel() {
        return Panel.of(ID, "Image classifier",
                new Widget.Text("Train with the task `" + ID + ".train` on a folder holding one sub-folder of images"
                        + " per class; the best version answers here."),
                new Widget.Kpi("Validation accuracy of the current model", "model-info", "validationAccuracy", "%"),
                new Widget.Form("Classify an image", "classify"),
                new Widget.Table("Recent results", "recent-results", List.of(
                        new Widget.Column("at", "When", true),
                        new Widget.Column("label", "Class", true),
                        new Widget.Column("confidence", "Confidence", true),
                        new Widget.Column("modelVersion", "Model version", false))));
    }

    private static List<ConfigProperty> configProperties() {
        return List.of(
                ConfigProperty.of(DEFAULT_EPOCHS, ConfigType.INTEGER, "10",
                        "Epochs a training runs when its input does not say").between(1, 200),
                ConfigProperty.of(IMAGE_SIZE, ConfigType.INTEGER, "32",
                        "Side in pixels images are resized to for training (each version keeps its own)")
                        .between(8, 128),
                ConfigProperty.of(BATCH_SIZE, ConfigType.INTEGER, "32", "Images per training step").between(1, 1024),
                ConfigProperty.of(LEARNING_RATE, ConfigType.DECIMAL, "0.002", "Adam's learning rate").between(1e-5, 1),
                ConfigProperty.of(VALIDATION_FRACTION, ConfigType.DECIMAL, "0.2",
                        "Share of each class held out to measure accuracy").between(0.05, 0.5),
                ConfigProperty.of(SEED, ConfigType.INTEGER, "42",
                        "Seed of the split, the shuffling and the initial weights"),
                ConfigProperty.of(RECENT_RESULTS, ConfigType.INTEGER, "50",
                        "How many recent classifications each node keeps for the console").between(0, 1000));
    }

    @Override
    public void start(PluginContext context) {
        context.metrics().gauge("recent-results", recent::size);
    }
}

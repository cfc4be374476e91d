package dev.operon.examples.imageclassifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.model.ModelDraft;
import dev.operon.sdk.model.ModelVersion;
import dev.operon.sdk.operation.Operation;
import dev.operon.sdk.operation.OperationException;
import dev.operon.sdk.testkit.InvalidInputException;
import dev.operon.sdk.testkit.PluginRefusedException;
import dev.operon.sdk.testkit.PluginTestKit;
import dev.operon.sdk.testkit.ProgressUpdate;
import dev.operon.sdk.testkit.TaskHandle;
import dev.operon.sdk.testkit.TaskResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains the plugin's CNN on generated shapes through the test kit, once for the class, and checks what a user of
 * the platform would see: accuracy, per-epoch reporting, the registered version, classification of fresh images,
 * and clear errors for bad input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageClassifierPluginTest {

    private static final int SIZE = 32;
    private static final int PER_CLASS = 400;
    private static final int EPOCHS = 10;

    private Path temp;
    private Path folder;
    private PluginTestKit kit;
    private TaskResult<TrainSummary> training;

    @BeforeAll
    void trainOnce(@TempDir Path classTemp) throws Exception {
        temp = classTemp;
        folder = temp.resolve("shapes");
        new SyntheticShapes(SIZE).writeFolder(folder, PER_CLASS, 7);
        kit = PluginTestKit.start(new ImageClassifierPlugin(), Map.of("image-size", String.valueOf(SIZE)));
        training = kit.runTask("image-classifier.train", Map.of("folder", folder.toString(), "epochs", EPOCHS));
        System.out.printf("image-classifier: %s, %s%n", training, training.succeeded() ? training.output() : "");
    }

    @AfterAll
    void closeKit() {
        if (kit != null) {
            kit.close();
        }
    }

    @Test
    void learnsTheShapesToAtLeastNinetyPercent() {
        TrainSummary summary = training.output();
        assertEquals(SyntheticShapes.SHAPES, summary.classes());
        assertEquals(3 * PER_CLASS, summary.trainImages() + summary.validationImages());
        assertEquals(3 * Math.round(PER_CLASS * 0.2), summary.validationImages());
        assertTrue(summary.validationAccuracy() >= 0.9, "validation accuracy " + summary.validationAccuracy());
        assertTrue(summary.seconds() < 120, "training took " + summary.seconds() + " s");
    }

    @Test
    void reportsLossAndAccuracyEveryEpoch() {
        List<String> series = training.metricPoints().stream().map(p -> p.series()).distinct().toList();
        assertTrue(series.contains("validate_Accuracy"), "series " + series);
        assertTrue(series.contains("train_loss"), "series " + series);
        assertEquals(EPOCHS, training.metricPoints("validate_Accuracy").size());
        assertEquals(EPOCHS, training.metricPoints("train_loss").size());
        List<Integer> percents = training.progress().stream().map(ProgressUpdate::percent).toList();
        assertEquals(100, percents.get(percents.size() - 1));
        assertTrue(training.logMessages().stream().anyMatch(m -> m.startsWith("epoch " + EPOCHS + "/" + EPOCHS)));
        double firstLoss = training.metricPoints("train_loss").get(0).value();
        double lastLoss = training.metricPoints("train_loss").get(EPOCHS - 1).value();
        assertTrue(lastLoss < firstLoss / 2, "train loss " + firstLoss + " -> " + lastLoss);
    }

    @Test
    void registersTheVersionWithItsAccuracyClassesAndSize() {
        List<ModelVersion> registered = training.registered();
        assertEquals(1, registered.size());
        assertEquals(ModelVersion.Stage.CHAMPION, registered.get(0).stage());
        ModelDraft draft = kit.models().draft(ImageClassifierPlugin.MODEL, registered.get(0).version());
        assertEquals(training.output().validationAccuracy(), draft.validationMetrics().get("accuracy"));
        assertEquals("circle,square,triangle", draft.properties().get("classes"));
        assertEquals(String.valueOf(SIZE), draft.properties().get("image-size"));
        assertEquals(EPOCHS, draft.parameters().get("epochs"));
    }

    @Test
    void classifiesFreshImagesOfEachShape() throws Exception {
        SyntheticShapes shapes = new SyntheticShapes(SIZE);
        Random random = new Random(2024);
        int correct = 0;
        int total = 0;
        for (String shape : SyntheticShapes.SHAPES) {
            for (int i = 0; i < 10; i++) {
                ClassifyOutput answer = kit.call("classify", new ClassifyInput(shapes.png(shape, random)),
                        Operation.Role.VIEWER);
                assertEquals(3, answer.probabilities().size());
                assertEquals(1.0, answer.probabilities().values().stream().mapToDouble(d -> d).sum(), 1e-4);
                assertEquals(answer.confidence(), answer.probabilities().get(answer.label()), 1e-9);
                total++;
                correct += answer.label().equals(shape) ? 1 : 0;
            }
        }
        assertTrue(correct >= total * 0.85, correct + " of " + total + " fresh images classified correctly");
        assertTrue(kit.metrics().counter("classifications", "label", "circle") > 0);
    }

    @Test
    void classifiesALargerImageOfEachShapeAsUploaded() throws Exception {
        SyntheticShapes large = new SyntheticShapes(96);
        Random random = new Random(99);
        for (String shape : SyntheticShapes.SHAPES) {
            ClassifyOutput answer = kit.call("classify", Map.of("image", large.png(shape, random)));
            assertEquals(shape, answer.label(), "probabilities " + answer.probabilities());
            assertEquals(training.registered().get(0).version(), answer.modelVersion());
        }
    }

    @Test
    void recentResultsAndModelInfoFeedThePanel() throws Exception {
        kit.call("classify", new ClassifyInput(new SyntheticShapes(SIZE).png("circle", new Random(5))));
        List<RecentResult> recent = kit.call("recent-results", Map.of());
        assertFalse(recent.isEmpty());
        ModelInfo info = kit.call("model-info", null);
        assertTrue(info.trained());
        assertEquals(training.output().validationAccuracy() * 100, info.validationAccuracy(), 1e-9);
    }

    @Test
    void somethingThatIsNotAnImageIsRefusedClearly() {
        OperationException e = assertThrows(OperationException.class, () -> kit.call("classify",
                new ClassifyInput("hello, not an image".getBytes()), Operation.Role.VIEWER));
        assertEquals(422, e.status());
        assertTrue(e.getMessage().startsWith("image: not a readable image"), e.getMessage());
    }

    @Test
    void aTruncatedImageIsRefusedClearly() {
        byte[] png = new SyntheticShapes(SIZE).png("square", new Random(1));
        byte[] truncated = java.util.Arrays.copyOf(png, png.length / 2);
        OperationException e = assertThrows(OperationException.class,
                () -> kit.call("classify", new ClassifyInput(truncated)));
        assertEquals(422, e.status());
        assertTrue(e.getMessage().startsWith("image: "), e.getMessage());
    }

    @Test
    void anEmptyOrMissingImageIsRefusedBeforeTheOperationRuns() {
        InvalidInputException empty = assertThrows(InvalidInputException.class,
                () -> kit.call("classify", new ClassifyInput(new byte[0])));
        assertEquals(List.of("image"), empty.fields());
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> kit.call("classify", Map.of()));
        assertEquals(List.of("image"), missing.fields());
        InvalidInputException notBase64 = assertThrows(InvalidInputException.class,
                () -> kit.call("classify", Map.of("image", "%%% not base64 %%%")));
        assertEquals(List.of("image"), notBase64.fields());
    }

    @Test
    void classifyWithoutATrainedModelSaysSo() throws Exception {
        try (PluginTestKit fresh = PluginTestKit.start(new ImageClassifierPlugin())) {
            byte[] png = new SyntheticShapes(SIZE).png("circle", new Random(3));
            OperationException e = assertThrows(OperationException.class,
                    () -> fresh.call("classify", new ClassifyInput(png)));
            assertEquals(503, e.status());
            assertTrue(e.getMessage().contains("image-classifier.train"), e.getMessage());
            ModelInfo info = fresh.call("model-info", null);
            assertFalse(info.trained());
        }
    }

    @Test
    void aCancelledTrainingRegistersNothing() throws Exception {
        try (PluginTestKit fresh = PluginTestKit.start(new ImageClassifierPlugin())) {
            TaskHandle<TrainSummary> run = fresh.startTask("image-classifier.train",
                    Map.of("folder", folder.toString(), "epochs", 100));
            assertTrue(run.awaitProgress(1, Duration.ofSeconds(60)), "no epoch ended; progress " + run.progress());
            TaskResult<TrainSummary> result = run.cancel().await(Duration.ofSeconds(30));
            assertEquals(TaskResult.State.CANCELLED, result.state());
            assertTrue(result.drafts().isEmpty());
            assertTrue(fresh.models().versions(ImageClassifierPlugin.MODEL).isEmpty());
        }
    }

    @Test
    void aMissingOrFlatFolderFailsForGoodWithTheReason() throws Exception {
        TaskResult<TrainSummary> missing = kit.runTask("image-classifier.train",
                TrainInput.of(temp.resolve("nowhere").toString()));
        assertEquals(TaskResult.State.FAILED, missing.state());
        assertFalse(missing.retryable());
        assertTrue(missing.errorMessage().contains("does not exist"), missing.errorMessage());

        Path flat = Files.createDirectories(temp.resolve("flat/only-one-class"));
        Files.write(flat.resolve("a.png"), new SyntheticShapes(SIZE).png("circle", new Random(1)));
        TaskResult<TrainSummary> oneClass = kit.runTask("image-classifier.train",
                TrainInput.of(temp.resolve("flat").toString()));
        assertEquals(TaskResult.State.FAILED, oneClass.state());
        assertTrue(oneClass.errorMessage().contains("at least 2"), oneClass.errorMessage());
        assertTrue(oneClass.registered().isEmpty());
    }

    @Test
    void badTrainingParametersAreRefusedNamingTheField() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> kit.runTask(
                "image-classifier.train", Map.of("folder", folder.toString(), "epochs", 0, "imageSize", "big")));
        assertEquals(List.of("imageSize"), e.fields());
        InvalidInputException range = assertThrows(InvalidInputException.class, () -> kit.runTask(
                "image-classifier.train", Map.of("folder", folder.toString(), "epochs", 0)));
        assertEquals(List.of("epochs"), range.fields());
        InvalidInputException unknown = assertThrows(InvalidInputException.class, () -> kit.runTask(
                "image-classifier.train", Map.of("folder", folder.toString(), "epoch", 3)));
        assertEquals(List.of("epoch"), unknown.fields());
    }

    @Test
    void invalidConfigurationRefusesThePlugin() {
        PluginRefusedException e = assertThrows(PluginRefusedException.class,
                () -> PluginTestKit.start(new ImageClassifierPlugin(), Map.of("image-size", "4", "seed", "x")));
        assertTrue(e.getMessage().contains("operon.plugin.image-classifier.image-size: '4' is below the minimum 8"),
                e.getMessage());
        assertTrue(e.getMessage().contains("operon.plugin.image-classifier.seed: 'x' is not an integer"),
                e.getMessage());
    }

    @Test
    void isFoundThroughItsServiceFile() {
        assertTrue(ServiceLoader.load(OperonPlugin.class).stream()
                .anyMatch(p -> p.type() == ImageClassifierPlugin.class));
    }
}

package dev.operon.sdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.sdk.model.ModelDraft;
import dev.operon.sdk.model.ModelUnavailableException;
import dev.operon.sdk.model.ModelVersion;
import dev.operon.sdk.model.ModelVersion.Stage;
import dev.operon.sdk.operation.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory registry: registration after success only, champion by primary metric, real DJL predictions. */
class ModelsTest {

    @Test
    void aTrainedVersionBecomesChampionAndServesPredictions() throws Exception {
        try (PluginTestKit kit = PluginTestKit.start(new SamplePlugin(), Map.of("greeting", "hi"))) {
            assertThrows(ModelUnavailableException.class,
                    () -> kit.call("predict", Map.of("x", 1), Operation.Role.VIEWER));

            TaskResult<Integer> run = kit.runTask("kit-sample.fit", Map.of("epochs", 40));
            assertEquals(TaskResult.State.SUCCEEDED, run.state(), run.toString());
            assertEquals(40, run.metricPoints("train_loss").size());
            ModelVersion version = run.registered().get(0);
            assertEquals(1, version.version());
            assertEquals(Stage.CHAMPION, version.stage());
            assertTrue(version.validationMetrics().get("rmse") < 0.2, version.validationMetrics().toString());

            float y = kit.call("predict", Map.of("x", 0.5), Operation.Role.VIEWER);
            assertEquals(2.0, y, 0.3);
            List<Float> batch = kit.models().predictBatch(SamplePlugin.MODEL, List.of(-1f, 0f, 1f));
            assertEquals(-1.0, batch.get(0), 0.3);
            assertEquals(1.0, batch.get(1), 0.3);
            assertEquals(3.0, batch.get(2), 0.3);
            assertThrows(IllegalArgumentException.class, () -> kit.models().predict(SamplePlugin.MODEL, "one"));
        }
    }

    @Test
    void aChallengerReplacesTheChampionOnlyWhenItsPrimaryMetricIsBetter() {
        try (PluginTestKit kit = PluginTestKit.start(new SamplePlugin(), Map.of("greeting", "hi"))) {
            kit.runTask("kit-sample.fit", Map.of("epochs", 1, "reportRmse", 0.5)).output();
            kit.runTask("kit-sample.fit", Map.of("epochs", 1, "reportRmse", 0.5)).output();
            kit.runTask("kit-sample.fit", Map.of("epochs", 1, "reportRmse", 0.9)).output();
            kit.runTask("kit-sample.fit", Map.of("epochs", 1, "reportRmse", 0.3)).output();
            assertEquals(List.of(Stage.ARCHIVED, Stage.CANDIDATE, Stage.CANDIDATE, Stage.CHAMPION),
                    kit.models().versions(SamplePlugin.MODEL).stream().map(ModelVersion::stage).toList());
            assertEquals(4, kit.models().champion(SamplePlugin.MODEL).orElseThrow().version());

            kit.models().promote(SamplePlugin.MODEL, 2);
            assertEquals(List.of(Stage.ARCHIVED, Stage.CHAMPION, Stage.CANDIDATE, Stage.ARCHIVED),
                    kit.models().versions(SamplePlugin.MODEL).stream().map(ModelVersion::stage).toList());
            assertEquals("line", kit.models().files(SamplePlugin.MODEL, 2).property("kind"));
        }
    }

    @Test
    void aMarginKeepsTheChampionAgainstASlightlyBetterChallenger() {
        try (PluginTestKit kit = PluginTestKit.builder(new SamplePlugin()).config("greeting", "hi")
                .promotionMargin(0.1).start()) {
            kit.runTask("kit-sample.fit", Map.of("epochs", 1, "reportRmse", 0.5)).output();
            kit.runTask("kit-sample.fit", Map.of("epochs", 1, "reportRmse", 0.45)).output();
            assertEquals(1, kit.models().champion(SamplePlugin.MODEL).orElseThrow().version());
        }
    }

    @Test
    void aDraftWithoutThePrimaryMetricOrFolderIsRefusedAtOnce(@TempDir Path folder) throws Exception {
        try (PluginTestKit kit = PluginTestKit.start(new SamplePlugin(), Map.of("greeting", "hi"))) {
            IllegalArgumentException noMetric = assertThrows(IllegalArgumentException.class, () -> kit.models()
                    .register(ModelDraft.of(SamplePlugin.MODEL, folder, "line").validationMetric("mae", 1).build()));
            assertTrue(noMetric.getMessage().contains("primary metric 'rmse'"), noMetric.getMessage());
            assertThrows(IllegalArgumentException.class, () -> kit.models().register(ModelDraft.of(
                    SamplePlugin.MODEL, folder.resolve("gone"), "line").validationMetric("rmse", 1).build()));
            assertThrows(IllegalArgumentException.class, () -> kit.models().register(ModelDraft.of(
                    "kit-sample.other", folder, "line").validationMetric("rmse", 1).build()));

            Files.writeString(folder.resolve("line-0001.params"), "not parameters");
            kit.models().register(ModelDraft.of(SamplePlugin.MODEL, folder, "line").validationMetric("rmse", 1)
                    .property("kind", "line").build());
            ModelUnavailableException broken = assertThrows(ModelUnavailableException.class,
                    () -> kit.models().predict(SamplePlugin.MODEL, 1f));
            assertTrue(broken.getMessage().startsWith("version 1 of kit-sample.line failed to load"),
                    broken.getMessage());
            assertTrue(broken.getMessage().contains("not read from its files"), broken.getMessage());
        }
    }
}

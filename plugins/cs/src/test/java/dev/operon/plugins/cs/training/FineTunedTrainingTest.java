package dev.operon.plugins.cs.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.Device;
import dev.operon.plugins.cs.CsConfig;
import dev.operon.plugins.cs.CustomerServicePlugin;
import dev.operon.plugins.cs.Fixtures;
import dev.operon.plugins.cs.understanding.FineTunedEncoder;
import dev.operon.plugins.cs.understanding.IntentModel;
import dev.operon.plugins.cs.understanding.IntentModelType;
import dev.operon.plugins.cs.understanding.IntentPrediction;
import dev.operon.sdk.model.ModelDraft;
import dev.operon.sdk.model.ModelFiles;
import dev.operon.sdk.testkit.PluginTestKit;
import dev.operon.sdk.testkit.TaskResult;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code cs.intent-train} with encoder fine-tuning configured ({@code fine-tune-epochs}), through the SDK test kit:
 * the run fine-tunes, registers both validation accuracies, keeps the better model, and the platform serves the
 * version with the encoder it was trained over. One epoch of a few steps: the figures are not the point.
 */
class FineTunedTrainingTest {

    @Test
    void trainingFineTunesWhenConfiguredAndTheVersionServesWithItsEncoder() throws Exception {
        try (PluginTestKit kit = PluginTestKit.start(new CustomerServicePlugin(),
                Map.of(CsConfig.FINE_TUNE_EPOCHS, "1"))) {
            List<Map<String, String>> examples = new ArrayList<>();
            for (String[] row : Fixtures.training()) {
                examples.add(Map.of("text", row[0], "label", row[1]));
            }
            kit.call("add-training-examples", Map.of("examples", examples));

            TaskResult<IntentTrainTask.Output> run = kit.runTask("cs.intent-train", Map.of("epochs", 8));
            assertEquals(TaskResult.State.SUCCEEDED, run.state(), run.errorMessage());
            IntentTrainTask.Output output = run.output();
            assertNotNull(output.pretrainedEncoderAccuracy(), "fine-tuning ran");
            ModelDraft draft = kit.models().draft(IntentModelType.ID, 1);
            assertEquals(1, ((Number) draft.parameters().get("fineTuneEpochs")).intValue());
            double pretrained = draft.validationMetrics().get("accuracy_pretrained_encoder");
            double tuned = draft.validationMetrics().get("accuracy_fine_tuned_encoder");
            assertEquals(tuned > pretrained, output.fineTunedEncoder());
            assertEquals(Math.max(pretrained, tuned), draft.validationMetrics().get(IntentModelType.ACCURACY), 1e-12);

            ModelFiles files = kit.models().files(IntentModelType.ID, 1);
            assertEquals(output.fineTunedEncoder(), Files.exists(files.directory().resolve(FineTunedEncoder.FILE)));
            assertEquals(output.fineTunedEncoder(), files.properties().containsKey(
                    IntentModel.ENGLISH_ENCODER_WEIGHTS));
            List<String> probes = Fixtures.heldOut().stream().map(r -> r[0]).toList();
            try (IntentModel local = IntentModel.load(files.directory(), files.properties(), Device.cpu())) {
                assertEquals(output.fineTunedEncoder(), local.englishEncoder() != null);
                List<IntentPrediction> expected = local.classifyTexts(probes);
                for (int i = 0; i < probes.size(); i++) {
                    IntentPrediction served = kit.models().predict(IntentModelType.ID, probes.get(i));
                    assertEquals(expected.get(i).topIntent(), served.topIntent());
                    assertEquals(expected.get(i).topProbability(), served.topProbability(), 1e-5);
                }
            }

            TaskResult<IntentTrainTask.Output> plain = kit.runTask("cs.intent-train",
                    Map.of("epochs", 3, "fineTuneEpochs", 0));
            assertEquals(TaskResult.State.SUCCEEDED, plain.state(), plain.errorMessage());
            assertNull(plain.output().pretrainedEncoderAccuracy(), "the input turns fine-tuning off for one run");
            assertFalse(plain.output().fineTunedEncoder());
        }
    }
}

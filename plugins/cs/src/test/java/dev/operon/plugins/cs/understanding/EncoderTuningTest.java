package dev.operon.plugins.cs.understanding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import dev.operon.plugins.cs.Fixtures;
import dev.operon.plugins.cs.understanding.minilm.EncoderFineTuner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Training with encoder fine-tuning: the encoder is fine-tuned, the classifier fitted over it, and the model with
 * the better validation accuracy kept, with its encoder. A tiny run (one epoch of a few steps).
 */
class EncoderTuningTest {

    @Test
    void fineTunesThenKeepsTheModelWithTheBetterValidationAccuracy() {
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String[] row : Fixtures.training()) {
            texts.add(row[0]);
            labels.add(row[1]);
        }
        EncoderFineTuner.Settings tuning = new EncoderFineTuner.Settings(1, 8, 5e-5f, 5e-3f, 0.01f, 32, 0.1, 1, false,
                11L);
        List<String> phases = new ArrayList<>();
        int[] steps = {0};
        TrainingMonitor monitor = new TrainingMonitor() {
            @Override
            public void epoch(String phase, int epoch, int epochs, double loss) {
                if (epoch == epochs) {
                    phases.add(phase);
                }
            }

            @Override
            public void fineTuneStep(int epoch, int epochs, int step, int steps1, double loss) {
                steps[0]++;
            }
        };
        try (IntentModel model = IntentTrainer.trainOnTexts(texts, labels, IntentSettings.DEFAULT.withEpochs(8)
                .withFineTune(tuning), monitor)) {
            IntentModel.FineTuning summary = model.fineTuning();
            assertNotNull(summary, "fine-tuning ran");
            assertEquals(1, summary.encoderEpochs());
            // 40 English rows (the Chinese ones keep their own encoder), 5 of them held out, batches of 8
            assertEquals(5, steps[0]);
            assertEquals(List.of("validation", "final", "fine-tuned validation", "fine-tuned final"), phases);
            assertTrue(summary.pretrainedAccuracy() >= 0 && summary.pretrainedAccuracy() <= 1);
            assertTrue(summary.fineTunedAccuracy() >= 0 && summary.fineTunedAccuracy() <= 1);
            assertEquals(summary.fineTunedAccuracy() > summary.pretrainedAccuracy(), summary.used());
            if (summary.used()) {
                assertNotNull(model.englishEncoder());
                assertEquals(summary.fineTunedAccuracy(), model.validation().accuracy(), 1e-12);
                assertEquals(model.englishEncoder().checksum(),
                        model.properties().get(IntentModel.ENGLISH_ENCODER_WEIGHTS));
            } else {
                assertNull(model.englishEncoder());
                assertEquals(summary.pretrainedAccuracy(), model.validation().accuracy(), 1e-12);
                assertNull(model.properties().get(IntentModel.ENGLISH_ENCODER_WEIGHTS));
            }
            ScorerChoice scorers = model.validation().scorers();
            assertEquals(model.scorer(), scorers.scorer());
            assertEquals(scorers.accuracies().get(scorers.scorer()), model.validation().accuracy(), 1e-12);
            assertEquals(model.scorer().id(), model.properties().get(IntentModel.SCORER));
            assertSavedModelServesTheSame(model);
            assertEquals(Fixtures.heldOut().size(), model.classifyTexts(Fixtures.heldOut().stream().map(r -> r[0])
                    .toList()).size());
        }
    }

    private static void assertSavedModelServesTheSame(IntentModel model) {
        try {
            Path dir = Files.createTempDirectory("cs-intent-test-");
            try {
                model.save(dir);
                List<String> texts = Fixtures.heldOut().stream().map(r -> r[0]).toList();
                try (IntentModel loaded = IntentModel.load(dir, model.properties(), Device.cpu())) {
                    assertEquals(model.scorer(), loaded.scorer());
                    float[][] expected = model.probabilities(model.features(texts));
                    float[][] actual = loaded.probabilities(loaded.features(texts));
                    for (int i = 0; i < expected.length; i++) {
                        assertArrayEquals(expected[i], actual[i], 1e-4f);
                    }
                }
            } finally {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException | MalformedModelException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void withoutFineTuningThePretrainedEncoderServes() {
        List<String> texts = Fixtures.training().stream().map(r -> r[0]).toList();
        List<String> labels = Fixtures.training().stream().map(r -> r[1]).toList();
        try (IntentModel model = IntentTrainer.trainOnTexts(texts, labels, IntentSettings.DEFAULT.withEpochs(3)
                .withFineTuneEpochs(0), TrainingMonitor.NONE)) {
            assertNull(model.fineTuning());
            assertNull(model.englishEncoder());
        }
    }
}

package dev.operon.plugins.cs.understanding.minilm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.util.Utils;
import dev.operon.plugins.cs.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** End-to-end fine-tuning of the encoder with its head on a tiny English set. */
class EncoderFineTunerTest {

    private static final Path CACHE = Utils.getCacheDir().resolve("operon-cs");

    @Test
    void fineTuningLearnsTheLabelsAndChangesTheEncoder() throws Exception {
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String[] row : Fixtures.training()) {
            if (List.of("card_arrival", "lost_card", "exchange_rate", "refund").contains(row[1])) {
                texts.add(row[0]);
                labels.add(row[1]);
            }
        }
        EncoderFineTuner.Settings settings = new EncoderFineTuner.Settings(4, 8, 5e-5f, 5e-3f, 0.01f, 32, 0.25, 4, false,
                7L);
        List<Double> losses = new ArrayList<>();
        try (MiniLmTokens tokens = MiniLmTokens.open(CACHE, 32)) {
            Map<String, OnnxInitializers.Tensor> pretrained = tokens.pretrainedWeights();
            EncoderFineTuner.Result result = EncoderFineTuner.fineTune(tokens, pretrained, texts, labels, settings,
                    (epoch, loss, accuracy, seconds) -> losses.add(loss));

            assertEquals(List.of("card_arrival", "exchange_rate", "lost_card", "refund"), result.classes());
            assertTrue(losses.get(losses.size() - 1) < losses.get(0) * 0.7, "training loss fell: " + losses);
            // 8 held-out messages (2 per label), never trained on
            assertTrue(result.validationAccuracy() >= 0.75, "validation accuracy " + result.validationAccuracy());
            float[] before = pretrained.get("encoder.layer.5.output.dense.weight").values();
            float[] after = result.weights().get("encoder.layer.5.output.dense.weight").values();
            double change = 0;
            for (int i = 0; i < before.length; i++) {
                change = Math.max(change, Math.abs(before[i] - after[i]));
            }
            assertTrue(change > 1e-5, "the encoder's weights moved, largest change " + change);

            try (FineTunedClassifier classifier = new FineTunedClassifier(tokens, result.weights(),
                    result.classes())) {
                float[][] p = classifier.probabilities(List.of("I have lost my bank card", "Refund still not showing"));
                assertEquals("lost_card", result.classes().get(argmax(p[0])));
                assertEquals("refund", result.classes().get(argmax(p[1])));
                float[] vector = classifier.encode(List.of("I have lost my bank card"))[0];
                assertEquals(1.0, MiniLmEquivalenceTest.cosine(vector, vector), 1e-6);
            }
        }
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}

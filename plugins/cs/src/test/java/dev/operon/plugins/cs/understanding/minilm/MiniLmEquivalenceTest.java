package dev.operon.plugins.cs.understanding.minilm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.util.Utils;
import dev.operon.plugins.cs.understanding.SentenceEncoder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The MiniLM rebuilt as DJL blocks with the ONNX file's weights gives the ONNX graph's sentence vectors. */
class MiniLmEquivalenceTest {

    private static final Path CACHE = Utils.getCacheDir().resolve("operon-cs");

    private static final List<String> SENTENCES = List.of(
            "When will my new card arrive?",
            "I lost my card",
            "Why was the exchange rate so bad on my payment? I paid in yen at a shop in Tokyo last Tuesday and the"
                    + " amount taken from my account is far more than I expected from the rate shown in the app.",
            "refund",
            "Can I top up my account with cash at a post office, or only by bank transfer?",
            "My PIN is blocked after three wrong attempts, how do I unblock it?");

    @Test
    void readsEveryWeightOfTheEncoderWithTheExpectedShape() throws Exception {
        try (MiniLmTokens tokens = MiniLmTokens.open(CACHE, 128)) {
            Map<String, OnnxInitializers.Tensor> weights = tokens.pretrainedWeights();
            for (String name : MiniLmBlock.parameterNames()) {
                OnnxInitializers.Tensor t = weights.get(name);
                assertTrue(t != null, "missing " + name);
                assertEquals(MiniLmBlock.expectedShape(name), new ai.djl.ndarray.types.Shape(t.shape()), name);
            }
            // a transposed MatMul weight is no longer the raw initializer: its rows are the output units
            assertEquals(MiniLmBlock.INTERMEDIATE, weights.get("encoder.layer.0.intermediate.dense.weight").shape()[0]);
        }
    }

    @Test
    void reproducesTheOnnxEmbeddings() throws Exception {
        try (SentenceEncoder onnx = SentenceEncoder.load(MiniLmTokens.RESOURCE, MiniLmBlock.HIDDEN,
                SentenceEncoder.Pooling.MEAN, CACHE, 1);
             MiniLmTokens tokens = MiniLmTokens.open(CACHE, 128);
             FineTunedClassifier djl = new FineTunedClassifier(tokens, tokens.pretrainedWeights(), List.of())) {
            List<float[]> expected = onnx.encode(SENTENCES);
            // all at once (short ones padded to the longest) and one by one
            float[][] batched = djl.encode(SENTENCES);
            for (int i = 0; i < SENTENCES.size(); i++) {
                float[] alone = djl.encode(List.of(SENTENCES.get(i)))[0];
                double cosBatched = cosine(expected.get(i), batched[i]);
                double cosAlone = cosine(expected.get(i), alone);
                assertTrue(cosBatched > 0.999, "batched sentence " + i + ": cosine " + cosBatched);
                assertTrue(cosAlone > 0.999, "single sentence " + i + ": cosine " + cosAlone);
            }
            // and it is not trivially similar: different sentences stay apart
            assertTrue(cosine(batched[0], batched[4]) < 0.9);
        }
    }

    @Test
    void halfPrecisionWeightsKeepTheEmbeddings(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        try (MiniLmTokens tokens = MiniLmTokens.open(CACHE, 128)) {
            Map<String, OnnxInitializers.Tensor> full = tokens.pretrainedWeights();
            Path file = dir.resolve("encoder.f16");
            FineTunedWeights.write(full, file);
            try (FineTunedClassifier exact = new FineTunedClassifier(tokens, full, List.of());
                 FineTunedClassifier half = new FineTunedClassifier(tokens, FineTunedWeights.read(file), List.of())) {
                float[][] a = exact.encode(SENTENCES);
                float[][] b = half.encode(SENTENCES);
                for (int i = 0; i < a.length; i++) {
                    double cos = cosine(a[i], b[i]);
                    assertTrue(cos > 0.999, "sentence " + i + ": cosine " + cos);
                }
            }
        }
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}

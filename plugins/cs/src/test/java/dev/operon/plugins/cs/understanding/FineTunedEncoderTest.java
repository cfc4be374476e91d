package dev.operon.plugins.cs.understanding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.util.Utils;
import dev.operon.plugins.cs.Fixtures;
import dev.operon.plugins.cs.understanding.minilm.FineTunedClassifier;
import dev.operon.plugins.cs.understanding.minilm.FineTunedWeights;
import dev.operon.plugins.cs.understanding.minilm.MiniLmTokens;
import dev.operon.plugins.cs.understanding.minilm.OnnxInitializers;
import dev.operon.sdk.model.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fine-tuned encoder weights served through the pretrained ONNX graph: the patched graph computes what the DJL
 * block computes with the same weights, differs from the pretrained encoder, and a saved intent model brings its
 * encoder back when loaded, for the platform's serving path too. The weights here are the pretrained ones moved
 * by seeded noise (what fine-tuning does, without its cost: fine-tuning itself is {@code EncoderFineTunerTest}'s).
 */
class FineTunedEncoderTest {

    private static final Path CACHE = Utils.getCacheDir().resolve("operon-cs");
    private static final List<String> PROBES = List.of("My new card has not been delivered yet",
            "What is today's euro to dollar exchange rate?", "I am still waiting for the refund from the store");

    @TempDir
    Path dir;

    @Test
    void patchedGraphServesTheNewWeightsAndModelsKeepTheirEncoder() throws Exception {
        Map<String, OnnxInitializers.Tensor> moved = new LinkedHashMap<>();
        try (MiniLmTokens tokens = MiniLmTokens.open(CACHE, 64)) {
            Map<String, OnnxInitializers.Tensor> pretrained = tokens.pretrainedWeights();
            Random random = new Random(3);
            for (Map.Entry<String, OnnxInitializers.Tensor> e : pretrained.entrySet()) {
                if (e.getKey().equals("embeddings.word_embeddings.weight")) {
                    continue;
                }
                float[] values = e.getValue().values().clone();
                for (int i = 0; i < values.length; i++) {
                    values[i] += (float) (random.nextGaussian() * 0.02);
                }
                moved.put(e.getKey(), new OnnxInitializers.Tensor(e.getValue().shape(), values));
            }
            Path weightsFile = dir.resolve("moved.f16");
            FineTunedWeights.write(moved, weightsFile);
            Map<String, OnnxInitializers.Tensor> stored = FineTunedWeights.read(weightsFile);

            // the graph holds exactly the stored values, transposed back where the export transposed them
            Path onnx = dir.resolve("patched.onnx");
            OnnxInitializers.patch(SentenceEncoder.resourceFile(MiniLmTokens.RESOURCE,
                    MiniLmTokens.RESOURCE + ".onnx", CACHE), stored, onnx);
            Map<String, OnnxInitializers.Tensor> patched = OnnxInitializers.read(onnx);
            for (String name : List.of("encoder.layer.0.attention.self.query.weight", "encoder.layer.5.output.dense.weight",
                    "encoder.layer.3.output.LayerNorm.bias", "embeddings.position_embeddings.weight")) {
                assertArrayEquals(stored.get(name).values(), patched.get(name).values(), name);
            }
            assertArrayEquals(pretrained.get("embeddings.word_embeddings.weight").values(),
                    patched.get("embeddings.word_embeddings.weight").values(), "a weight not given is kept");

            FineTunedEncoder encoder = FineTunedEncoder.load(weightsFile);
            assertSame(encoder, FineTunedEncoder.load(weightsFile), "the same weights are loaded once");
            List<float[]> served = encoder.encoder().encode(PROBES);
            List<float[]> original = MessageEncoder.shared().encoder(Language.ENGLISH).encode(PROBES);
            Map<String, OnnxInitializers.Tensor> all = new LinkedHashMap<>(pretrained);
            all.putAll(stored);
            try (FineTunedClassifier djl = new FineTunedClassifier(tokens, all, List.of())) {
                float[][] expected = djl.encode(PROBES);
                for (int i = 0; i < PROBES.size(); i++) {
                    assertTrue(cosine(expected[i], served.get(i)) > 0.999, "ONNX Runtime with the patched graph"
                            + " computes what the DJL block computes: " + cosine(expected[i], served.get(i)));
                    assertTrue(cosine(original.get(i), served.get(i)) < 0.99, "and not what the pretrained encoder"
                            + " computes: " + cosine(original.get(i), served.get(i)));
                }
            }

            // an intent model over the fine-tuned encoder, saved and loaded as a model version is
            List<String> texts = englishTraining(0);
            List<String> labels = englishTraining(1);
            List<Language> layout = List.of(Language.ENGLISH);
            float[][] features = MessageEncoder.shared().features(texts, layout, encoder.encoder());
            Path version = Files.createDirectories(dir.resolve("version"));
            Map<String, String> properties;
            float[][] tunedProbabilities;
            float[][] pretrainedProbabilities;
            try (IntentModel model = IntentTrainer.train(features, labels, IntentSettings.DEFAULT.withEpochs(5),
                    TrainingMonitor.NONE).withLayout(layout).withEnglishEncoder(encoder, weightsFile, false)) {
                model.save(version);
                properties = model.properties();
                tunedProbabilities = model.probabilities(MessageEncoder.shared().features(PROBES, layout,
                        encoder.encoder()));
                pretrainedProbabilities = model.probabilities(MessageEncoder.shared().features(PROBES, layout));
            }
            assertEquals(encoder.checksum(), properties.get(IntentModel.ENGLISH_ENCODER_WEIGHTS));
            assertTrue(Files.isRegularFile(version.resolve(FineTunedEncoder.FILE)));
            try (IntentModel loaded = IntentModel.load(version, properties, Device.cpu())) {
                assertSame(encoder, loaded.englishEncoder());
                List<IntentPrediction> predictions = loaded.classifyTexts(PROBES);
                for (int i = 0; i < PROBES.size(); i++) {
                    int top = OutOfScopeThreshold.argmax(tunedProbabilities[i]);
                    assertEquals(tunedProbabilities[i][top], predictions.get(i).topProbability(), 1e-5,
                            "the loaded model classifies over the fine-tuned encoder");
                    assertNotEquals(pretrainedProbabilities[i][top], predictions.get(i).topProbability(), 1e-4,
                            "not over the pretrained one");
                }
            }

            // the platform's path: the type loads the network, its translator brings the encoder
            IntentModelType type = new IntentModelType();
            ModelFiles files = new ModelFiles(version, IntentModel.MODEL_NAME, properties);
            try (Model network = type.load(files, Device.cpu());
                 Predictor<String, IntentPrediction> predictor = network.newPredictor(type.translator(files))) {
                for (int i = 0; i < PROBES.size(); i++) {
                    int top = OutOfScopeThreshold.argmax(tunedProbabilities[i]);
                    assertEquals(tunedProbabilities[i][top], predictor.predict(PROBES.get(i)).topProbability(), 1e-5);
                }
            }

            Map<String, String> wrongChecksum = new LinkedHashMap<>(properties);
            wrongChecksum.put(IntentModel.ENGLISH_ENCODER_WEIGHTS, "0".repeat(64));
            assertThrows(MalformedModelException.class, () -> IntentModel.load(version, wrongChecksum, Device.cpu()));
            Files.delete(version.resolve(FineTunedEncoder.FILE));
            assertThrows(MalformedModelException.class, () -> IntentModel.load(version, properties, Device.cpu()));
            Map<String, String> pretrainedOnly = new LinkedHashMap<>(properties);
            pretrainedOnly.remove(IntentModel.ENGLISH_ENCODER_WEIGHTS);
            try (IntentModel loaded = IntentModel.load(version, pretrainedOnly, Device.cpu())) {
                assertNull(loaded.englishEncoder());
            }
        }
    }

    @Test
    void aModelServingTheFineTuningHeadServesItAgainWhenLoaded() throws Exception {
        List<String> texts = englishTraining(0);
        List<String> labels = englishTraining(1);
        List<Language> layout = List.of(Language.ENGLISH);
        float[][] features = MessageEncoder.shared().features(texts, layout);
        Path version = Files.createDirectories(dir.resolve("version"));
        Map<String, String> properties;
        List<IntentPrediction> expected;
        try (IntentModel model = IntentTrainer.train(features, labels, IntentSettings.DEFAULT.withEpochs(5),
                TrainingMonitor.NONE).withLayout(layout)) {
            // a head that disagrees with the classifier: only its scores can explain what the model serves
            int classes = model.labels().size();
            Random random = new Random(5);
            float[] weight = new float[classes * MessageEncoder.ENGLISH_DIMENSIONS];
            for (int i = 0; i < weight.length; i++) {
                weight[i] = (float) random.nextGaussian();
            }
            Path weightsFile = dir.resolve("head-only.f16");
            FineTunedWeights.write(Map.of(
                    "head.weight", new OnnxInitializers.Tensor(new long[] {classes, MessageEncoder.ENGLISH_DIMENSIONS},
                            weight),
                    "head.bias", new OnnxInitializers.Tensor(new long[] {classes}, new float[classes])), weightsFile);
            FineTuningHead head = FineTuningHead.of(FineTunedWeights.read(weightsFile), model.labels(), layout);
            assertNotNull(head);
            model.withEnglishEncoder(FineTunedEncoder.load(weightsFile), weightsFile, false)
                    .withScorer(IntentScorer.HEAD, head);
            expected = model.classifyTexts(PROBES);
            model.save(version);
            properties = model.properties();
        }
        assertEquals("head", properties.get(IntentModel.SCORER));

        try (IntentModel loaded = IntentModel.load(version, properties, Device.cpu())) {
            assertEquals(IntentScorer.HEAD, loaded.scorer());
            List<IntentPrediction> served = loaded.classifyTexts(PROBES);
            for (int i = 0; i < PROBES.size(); i++) {
                assertEquals(expected.get(i).topIntent(), served.get(i).topIntent());
                assertEquals(expected.get(i).topProbability(), served.get(i).topProbability(), 1e-5);
            }
        }
        Map<String, String> classifierScorer = new LinkedHashMap<>(properties);
        classifierScorer.put(IntentModel.SCORER, "classifier");
        try (IntentModel classifier = IntentModel.load(version, classifierScorer, Device.cpu())) {
            List<IntentPrediction> other = classifier.classifyTexts(PROBES);
            boolean differs = false;
            for (int i = 0; i < PROBES.size(); i++) {
                differs |= Math.abs(other.get(i).topProbability() - expected.get(i).topProbability()) > 1e-3;
            }
            assertTrue(differs, "the head's probabilities are not the classifier's");
        }
        Files.delete(version.resolve(FineTunedEncoder.FILE));
        MalformedModelException missing = assertThrows(MalformedModelException.class,
                () -> IntentModel.load(version, properties, Device.cpu()));
        assertTrue(missing.getMessage().contains("head"), missing.getMessage());
    }

    @Test
    void aPatchMustFitTheGraph() throws Exception {
        Path pretrained = SentenceEncoder.resourceFile(MiniLmTokens.RESOURCE, MiniLmTokens.RESOURCE + ".onnx", CACHE);
        Path target = dir.resolve("bad.onnx");
        IOException unknown = assertThrows(IOException.class, () -> OnnxInitializers.patch(pretrained,
                Map.of("head.weight", new OnnxInitializers.Tensor(new long[] {2, 384}, new float[768])), target));
        assertTrue(unknown.getMessage().contains("not a weight"), unknown.getMessage());
        IOException shape = assertThrows(IOException.class, () -> OnnxInitializers.patch(pretrained,
                Map.of("encoder.layer.0.output.LayerNorm.bias", new OnnxInitializers.Tensor(new long[] {383},
                        new float[383])), target));
        assertTrue(shape.getMessage().contains("shape"), shape.getMessage());
        assertTrue(Files.notExists(target), "nothing is written");
        assertNotNull(pretrained);
    }

    /** Column {@code column} (0 text, 1 label) of the English rows of the training fixtures. */
    private static List<String> englishTraining(int column) {
        List<String> out = new ArrayList<>();
        for (String[] row : Fixtures.training()) {
            if (Language.detect(row[0]) == Language.ENGLISH) {
                out.add(row[column]);
            }
        }
        return out;
    }

    private static double cosine(float[] a, float[] b) {
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

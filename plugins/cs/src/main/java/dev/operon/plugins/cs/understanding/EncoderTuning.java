package dev.operon.plugins.cs.understanding;

import ai.djl.util.Utils;
import dev.operon.plugins.cs.understanding.minilm.EncoderFineTuner;
import dev.operon.plugins.cs.understanding.minilm.FineTunedWeights;
import dev.operon.plugins.cs.understanding.minilm.MiniLmTokens;
import dev.operon.plugins.cs.understanding.minilm.OnnxInitializers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pre-train, then fine-tune: the English encoder is fine-tuned on the training messages (with a linear head,
 * {@link EncoderFineTuner}), the classifier is fitted again over the fine-tuned encoder's vectors, the scorer (that
 * classifier, the head or their average: {@link ScorerChoice}) chosen on validation, and the fine-tuned model is kept
 * only when its validation accuracy beats the one over the pretrained encoder. Both are
 * judged on the same held-out rows, which the encoder never trained on (they only chose its best epoch).
 */
final class EncoderTuning {

    private EncoderTuning() {
    }

    /**
     * {@code pretrained} (trained over the pretrained encoders on {@code texts}) or, when better on validation, a
     * model over a fine-tuned English encoder; the model not returned is closed.
     */
    static IntentModel tryFineTuned(IntentModel pretrained, List<String> texts, List<String> labels,
                                    List<Language> layout, IntentSettings settings, TrainingMonitor monitor) {
        EncoderFineTuner.Settings tuning = settings.fineTune();
        if (!layout.contains(Language.ENGLISH)) {
            return pretrained;
        }
        Set<Integer> heldOut = new HashSet<>(IntentTrainer.validationSplit(labels, settings).get(1));
        List<String> englishTexts = new ArrayList<>();
        List<String> englishLabels = new ArrayList<>();
        List<Integer> trainRows = new ArrayList<>();
        List<Integer> validationRows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Language detected = Language.detect(texts.get(i));
            // the rows the English encoder reads (MessageEncoder#features' rule)
            Language target = layout.contains(detected) ? detected : layout.get(0);
            if (target != Language.ENGLISH) {
                continue;
            }
            (heldOut.contains(i) ? validationRows : trainRows).add(englishTexts.size());
            englishTexts.add(texts.get(i));
            englishLabels.add(labels.get(i));
        }
        if (trainRows.stream().map(englishLabels::get).distinct().count() < 2) {
            return pretrained;
        }
        Path weightsFile = null;
        IntentModel tuned = null;
        try {
            EncoderFineTuner.Result result;
            try (MiniLmTokens tokens = MiniLmTokens.open(Utils.getCacheDir().resolve("operon-cs"),
                    tuning.maxTokens())) {
                result = EncoderFineTuner.fineTune(tokens, tokens.pretrainedWeights(), englishTexts, englishLabels,
                        trainRows, validationRows, tuning, progress(monitor, tuning.epochs()));
            }
            weightsFile = Files.createTempFile("cs-encoder-", ".f16");
            FineTunedWeights.write(encoderOnly(result.weights(), tuning), weightsFile);
            FineTunedEncoder encoder = FineTunedEncoder.load(weightsFile);
            float[][] features = MessageEncoder.shared().features(texts, layout, encoder.encoder());
            List<String> classes = new ArrayList<>(new java.util.TreeSet<>(labels));
            // the head scores only when it has every label (its outputs are the English rows' labels)
            // read back from the file: the head served now is the one a saved model loads (16-bit values)
            FineTuningHead head = result.classes().equals(classes)
                    ? FineTuningHead.of(FineTunedWeights.read(weightsFile), classes, layout) : null;
            tuned = IntentTrainer.train(features, labels, settings, monitor, "fine-tuned ", head).withLayout(layout)
                    .withEnglishEncoder(encoder, weightsFile, true);
            double before = pretrained.validation().accuracy();
            double after = tuned.validation().accuracy();
            boolean better = !Double.isNaN(after) && (Double.isNaN(before) || after > before);
            IntentModel.FineTuning summary = new IntentModel.FineTuning(better, before, after,
                    result.epochSeconds().size(), result.bestEpoch(), result.validationAccuracy());
            if (better) {
                pretrained.close();
                return tuned.withFineTuning(summary);
            }
            tuned.close();
            return pretrained.withFineTuning(summary);
        } catch (IOException e) {
            closeAfterFailure(tuned, weightsFile);
            throw new UncheckedIOException("encoder fine-tuning failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAfterFailure(tuned, weightsFile);
            throw e;
        }
    }

    private static void closeAfterFailure(IntentModel tuned, Path weightsFile) {
        if (tuned != null) {
            tuned.close();
        }
        if (weightsFile != null) {
            try {
                Files.deleteIfExists(weightsFile);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }

    /**
     * The encoder's weights and the head's (a scorer may serve it) but, when it did not learn, not the word-embedding
     * table (the pretrained graph's stays): about half the file.
     */
    static Map<String, OnnxInitializers.Tensor> encoderOnly(Map<String, OnnxInitializers.Tensor> weights,
                                                          EncoderFineTuner.Settings tuning) {
        Map<String, OnnxInitializers.Tensor> out = new LinkedHashMap<>(weights);
        out.keySet().removeIf(name -> !tuning.trainWordEmbeddings()
                && name.equals("embeddings.word_embeddings.weight"));
        return out;
    }

    private static EncoderFineTuner.Progress progress(TrainingMonitor monitor, int epochs) {
        return new EncoderFineTuner.Progress() {
            @Override
            public void epoch(int epoch, double loss, double accuracy, double seconds) {
                monitor.fineTuneEpoch(epoch, epochs, loss, accuracy, seconds);
            }

            @Override
            public void step(int epoch, int step, int steps, double loss) {
                monitor.fineTuneStep(epoch, epochs, step, steps, loss);
            }

            @Override
            public void skipped(int epoch, int step, String why) {
                monitor.fineTuneSkipped(epoch, step, why);
            }
        };
    }
}

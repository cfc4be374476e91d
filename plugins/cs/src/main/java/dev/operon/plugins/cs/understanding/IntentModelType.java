package dev.operon.plugins.cs.understanding;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.operon.sdk.model.MetricGoal;
import dev.operon.sdk.model.ModelFiles;
import dev.operon.sdk.model.ModelType;
import java.io.IOException;
import java.util.List;

/**
 * {@code cs.intent}: the intent classifier over the sentence encoders, trained by {@code cs.intent-train}. A version
 * becomes champion only when its validation accuracy beats the champion's. Input: a message (already redacted);
 * output: the intent with its confidence.
 */
public final class IntentModelType implements ModelType<String, IntentPrediction> {

    public static final String ID = "cs.intent";
    /** The primary metric: accuracy on the held-out validation rows, out-of-scope threshold applied. */
    public static final String ACCURACY = "accuracy";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Message intent";
    }

    @Override
    public String description() {
        return "The intent of a support message (or 'oos' when it fits none), from a network trained on the team's"
                + " labelled messages over pretrained sentence encoders (all-MiniLM-L6-v2, bge-small-zh-v1.5); the"
                + " English encoder may be fine-tuned on the same messages.";
    }

    @Override
    public Class<String> inputType() {
        return String.class;
    }

    @Override
    public Class<IntentPrediction> outputType() {
        return IntentPrediction.class;
    }

    @Override
    public MetricGoal primaryMetric() {
        return MetricGoal.maximise(ACCURACY);
    }

    @Override
    public Model load(ModelFiles files, Device device) throws IOException, MalformedModelException {
        // the network only: the translator holds the encoders
        return IntentModel.load(files.directory(), files.properties(), device, false).model();
    }

    @Override
    public Translator<String, IntentPrediction> translator(ModelFiles files) {
        List<String> labels = List.of(files.property("labels").split("\n"));
        double threshold = Double.parseDouble(files.property("threshold"));
        int dimensions = Integer.parseInt(files.property("dimensions"));
        List<Language> layout = MessageEncoder.parseLayout(files.properties().getOrDefault("layout", "en,zh"));
        FineTunedEncoder english;
        try {
            english = IntentModel.englishEncoder(files.directory(), files.properties());
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("cannot load the intent model's encoder: " + e.getMessage(), e);
        }
        return new IntentTranslator(labels, threshold, dimensions, layout, english);
    }

    /** Text to vector (the shared encoder), logits to the thresholded intent. */
    static final class IntentTranslator implements Translator<String, IntentPrediction> {
        private final List<String> labels;
        private final double threshold;
        private final int dimensions;
        private final List<Language> layout;
        /** Null: the pretrained English encoder. Held here so that it stays loaded while the version serves. */
        private final FineTunedEncoder english;

        IntentTranslator(List<String> labels, double threshold, int dimensions, List<Language> layout,
                         FineTunedEncoder english) {
            this.labels = labels;
            this.threshold = threshold;
            this.dimensions = dimensions;
            this.layout = layout;
            this.english = english;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, String input) {
            float[] features = MessageEncoder.shared().features(List.of(PiiRedactor.redact(input)), layout,
                    english == null ? null : english.encoder())[0];
            return new NDList(ctx.getNDManager().create(features, new Shape(1, dimensions)));
        }

        @Override
        public IntentPrediction processOutput(TranslatorContext ctx, NDList list) {
            float[] p = list.singletonOrThrow().softmax(-1).toFloatArray();
            int top = OutOfScopeThreshold.argmax(p);
            int oos = labels.indexOf(IntentModel.OUT_OF_SCOPE);
            if (oos >= 0 && top != oos && p[top] < threshold) {
                return new IntentPrediction(IntentModel.OUT_OF_SCOPE, 1 - p[top], labels.get(top), p[top]);
            }
            return new IntentPrediction(labels.get(top), p[top], labels.get(top), p[top]);
        }
    }
}

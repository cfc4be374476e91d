package dev.operon.plugins.cs.understanding;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained intent classifier: the network, its labels and the out-of-scope threshold. Classifies message vectors
 * from {@link MessageEncoder}. Thread-safe (a predictor per call).
 */
public final class IntentModel implements AutoCloseable {

    /** The label meaning "fits no intent". */
    public static final String OUT_OF_SCOPE = "oos";
    /** The name the network is saved under. */
    public static final String MODEL_NAME = "cs-intent";

    /**
     * How the model did on the held-out validation rows.
     *
     * @param confusion count of each (true label, predicted label) pair seen, including the right ones
     * @param scorers   the scorer chosen and every candidate's accuracy (null without validation rows)
     */
    public record Validation(int rows, double accuracy, double accuracyWithoutThreshold,
                             Map<String, Map<String, Integer>> confusion, ScorerChoice scorers) {
    }

    private final Model model;
    private final List<String> labels;
    private final double threshold;
    private final int hidden;
    private final int dimensions;
    private final Validation validation;
    /**
     * What encoder fine-tuning gave, when it ran.
     *
     * @param used                   whether the kept model serves over the fine-tuned encoder
     * @param pretrainedAccuracy     validation accuracy of the classifier over the pretrained encoder
     * @param fineTunedAccuracy      validation accuracy over the fine-tuned encoder, with the scorer chosen there
     * @param encoderEpochs          fine-tuning epochs run
     * @param bestEpoch              the epoch whose encoder weights were kept
     * @param headValidationAccuracy the fine-tuning head's own accuracy on the held-out rows at that epoch
     */
    public record FineTuning(boolean used, double pretrainedAccuracy, double fineTunedAccuracy, int encoderEpochs,
                             int bestEpoch, double headValidationAccuracy) {
    }

    /** The property naming a fine-tuned English encoder: the SHA-256 of the weights file {@link FineTunedEncoder#FILE}. */
    public static final String ENGLISH_ENCODER_WEIGHTS = "englishEncoderWeights";

    /** The property naming the {@link IntentScorer} (absent: the classifier). */
    public static final String SCORER = "scorer";

    private List<Language> layout = List.of(Language.values());
    private FineTunedEncoder english;
    private Path englishWeights;
    private boolean ownsWeightsFile;
    private FineTuning fineTuning;
    private FineTuningHead head;
    private IntentScorer scorer = IntentScorer.CLASSIFIER;

    IntentModel(Model model, List<String> labels, double threshold, int hidden, int dimensions,
                Validation validation) {
        this.model = model;
        this.labels = List.copyOf(labels);
        this.threshold = threshold;
        this.hidden = hidden;
        this.dimensions = dimensions;
        this.validation = validation;
    }

    static Block block(int hidden, float dropout, int classes) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation::relu)
                .add(Dropout.builder().optRate(dropout).build())
                .add(Linear.builder().setUnits(classes).build());
    }

    /** The languages whose encoder blocks make up the input, as {@link MessageEncoder#features(List, List)}. */
    public List<Language> layout() {
        return layout;
    }

    IntentModel withLayout(List<Language> value) {
        this.layout = List.copyOf(value);
        return this;
    }

    /**
     * Serves over the fine-tuned English encoder {@code encoder}, whose weights are in {@code weightsFile} (copied
     * into the folder by {@link #save}).
     */
    IntentModel withEnglishEncoder(FineTunedEncoder encoder, Path weightsFile, boolean ownsWeightsFile) {
        this.english = encoder;
        this.englishWeights = weightsFile;
        this.ownsWeightsFile = ownsWeightsFile;
        return this;
    }

    IntentModel withFineTuning(FineTuning value) {
        this.fineTuning = value;
        return this;
    }

    /** Serves {@code value}'s probabilities; {@code fineTuningHead} is needed unless it is the classifier's. */
    IntentModel withScorer(IntentScorer value, FineTuningHead fineTuningHead) {
        if (value != IntentScorer.CLASSIFIER && fineTuningHead == null) {
            throw new IllegalArgumentException("the scorer " + value.id() + " needs the fine-tuning head");
        }
        this.scorer = value;
        this.head = value == IntentScorer.CLASSIFIER ? null : fineTuningHead;
        return this;
    }

    /** Whose class probabilities this model serves. */
    public IntentScorer scorer() {
        return scorer;
    }

    /** The fine-tuned English encoder this model serves over, or null (the pretrained one). */
    public FineTunedEncoder englishEncoder() {
        return english;
    }

    /** What encoder fine-tuning gave, or null when it did not run (or for a loaded model). */
    public FineTuning fineTuning() {
        return fineTuning;
    }

    /** The classifier's input for (already redacted) texts: the vectors of the encoders this model serves over. */
    public float[][] features(List<String> texts) {
        return MessageEncoder.shared().features(texts, layout, english == null ? null : english.encoder());
    }

    /** Encodes (the texts must already be redacted) and classifies. */
    public List<IntentPrediction> classifyTexts(List<String> texts) {
        return classify(features(texts));
    }

    /** The labels, sorted. */
    public List<String> labels() {
        return labels;
    }

    /** Top probabilities below it become {@code oos} (0 when not trained with {@code oos}). */
    public double threshold() {
        return threshold;
    }

    /** The validation figures, or null for a loaded model. */
    public Validation validation() {
        return validation;
    }

    /** The underlying DJL model. */
    public Model model() {
        return model;
    }

    /** Class probabilities of each vector, from the {@link #scorer()}. */
    public float[][] probabilities(float[][] features) {
        float[][] classifier = classifierProbabilities(features);
        return head == null ? classifier : head.combine(scorer, classifier, features);
    }

    /** The classifier's class probabilities of each vector. */
    float[][] classifierProbabilities(float[][] features) {
        if (features.length == 0) {
            return new float[0][];
        }
        float[] flat = new float[features.length * dimensions];
        for (int i = 0; i < features.length; i++) {
            System.arraycopy(features[i], 0, flat, i * dimensions, dimensions);
        }
        try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
             NDManager manager = model.getNDManager().newSubManager()) {
            NDList out = predictor.predict(new NDList(manager.create(flat, new Shape(features.length, dimensions))));
            float[] all = out.singletonOrThrow().softmax(1).toFloatArray();
            out.close();
            float[][] rows = new float[features.length][labels.size()];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(all, i * labels.size(), rows[i], 0, labels.size());
            }
            return rows;
        } catch (TranslateException e) {
            throw new IllegalStateException("intent classification failed: " + e.getMessage(), e);
        }
    }

    /** One prediction per vector, in order. */
    public List<IntentPrediction> classify(float[][] features) {
        float[][] probabilities = probabilities(features);
        int oos = labels.indexOf(OUT_OF_SCOPE);
        List<IntentPrediction> out = new ArrayList<>(probabilities.length);
        for (float[] p : probabilities) {
            int top = OutOfScopeThreshold.argmax(p);
            if (oos >= 0 && top != oos && p[top] < threshold) {
                out.add(new IntentPrediction(OUT_OF_SCOPE, 1 - p[top], labels.get(top), p[top]));
            } else {
                out.add(new IntentPrediction(labels.get(top), p[top], labels.get(top), p[top]));
            }
        }
        return out;
    }

    /** Saves the network into {@code dir}; {@link #properties()} holds what {@link #load} needs besides. */
    public void save(Path dir) throws IOException {
        model.save(dir, MODEL_NAME);
        if (englishWeights != null) {
            java.nio.file.Files.copy(englishWeights, dir.resolve(FineTunedEncoder.FILE),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** What serving needs besides the parameters. */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("labels", String.join("\n", labels));
        p.put("threshold", Double.toString(threshold));
        p.put("hidden", Integer.toString(hidden));
        p.put("dimensions", Integer.toString(dimensions));
        p.put("encoders", MessageEncoder.ENCODERS);
        p.put("layout", MessageEncoder.layoutCode(layout));
        if (english != null) {
            p.put(ENGLISH_ENCODER_WEIGHTS, english.checksum());
        }
        p.put(SCORER, scorer.id());
        return p;
    }

    /** Loads a model saved by {@link #save} with its {@link #properties()}. */
    public static IntentModel load(Path dir, Map<String, String> properties, Device device)
            throws IOException, MalformedModelException {
        return load(dir, properties, device, true);
    }

    /** {@link #load(Path, Map, Device)}, without loading its fine-tuned encoder when {@code withEncoder} is false. */
    static IntentModel load(Path dir, Map<String, String> properties, Device device, boolean withEncoder)
            throws IOException, MalformedModelException {
        String encoders = properties.get("encoders");
        if (encoders != null && !encoders.equals(MessageEncoder.ENCODERS)) {
            throw new MalformedModelException("the model was trained over the encoders " + encoders
                    + ", this plugin has " + MessageEncoder.ENCODERS);
        }
        List<String> labels = List.of(required(properties, "labels").split("\n"));
        int hidden = Integer.parseInt(required(properties, "hidden"));
        int dimensions = Integer.parseInt(required(properties, "dimensions"));
        Model model = Model.newInstance(MODEL_NAME, device, "PyTorch");
        model.setBlock(block(hidden, 0f, labels.size()));
        model.load(dir, MODEL_NAME);
        IntentModel loaded = new IntentModel(model, labels, Double.parseDouble(required(properties, "threshold")),
                hidden, dimensions, null).withLayout(MessageEncoder.parseLayout(properties.getOrDefault("layout",
                "en,zh")));
        try {
            IntentScorer scorer = IntentScorer.valueOf(properties.getOrDefault(SCORER, "classifier")
                    .toUpperCase(java.util.Locale.ROOT));
            if (scorer != IntentScorer.CLASSIFIER) {
                Path file = dir.resolve(FineTunedEncoder.FILE);
                FineTuningHead head = properties.containsKey(ENGLISH_ENCODER_WEIGHTS) && java.nio.file.Files
                        .isRegularFile(file) ? FineTuningHead.of(
                        dev.operon.plugins.cs.understanding.minilm.FineTunedWeights.read(file), labels,
                        loaded.layout()) : null;
                if (head == null) {
                    throw new MalformedModelException("the intent model's scorer " + scorer.id()
                            + " needs the fine-tuning head, which its folder lacks");
                }
                loaded.withScorer(scorer, head);
            }
            FineTunedEncoder encoder = withEncoder ? englishEncoder(dir, properties) : null;
            return encoder == null ? loaded : loaded.withEnglishEncoder(encoder, dir.resolve(FineTunedEncoder.FILE),
                    false);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * The fine-tuned English encoder a saved model serves over (its weights file in {@code dir}, checked against the
     * checksum in the properties), or null when it uses the pretrained one.
     */
    static FineTunedEncoder englishEncoder(Path dir, Map<String, String> properties)
            throws IOException, MalformedModelException {
        String checksum = properties.get(ENGLISH_ENCODER_WEIGHTS);
        if (checksum == null) {
            return null;
        }
        Path file = dir.resolve(FineTunedEncoder.FILE);
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new MalformedModelException("the intent model's fine-tuned encoder weights are missing: " + file);
        }
        FineTunedEncoder encoder = FineTunedEncoder.load(file);
        if (!encoder.checksum().equals(checksum)) {
            throw new MalformedModelException("the intent model's fine-tuned encoder weights do not match their"
                    + " checksum " + checksum);
        }
        return encoder;
    }

    private static String required(Map<String, String> properties, String key) throws MalformedModelException {
        String value = properties.get(key);
        if (value == null) {
            throw new MalformedModelException("the intent model lacks its property '" + key + "'");
        }
        return value;
    }

    /** Closes the network (a fine-tuned encoder closes when nothing uses it any more). */
    @Override
    public void close() {
        model.close();
        if (ownsWeightsFile && englishWeights != null) {
            try {
                java.nio.file.Files.deleteIfExists(englishWeights);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }
}

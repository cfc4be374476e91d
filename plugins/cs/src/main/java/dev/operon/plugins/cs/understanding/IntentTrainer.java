package dev.operon.plugins.cs.understanding;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.operon.sdk.model.Training;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Trains the intent classifier over message vectors: a one-hidden-layer network in DJL, fed by class-balanced
 * sampling. First on the training rows minus a stratified validation share, to measure accuracy and to calibrate the
 * out-of-scope threshold on rows it never saw; then again on every row with the same settings, which is the model
 * kept.
 */
public final class IntentTrainer {

    private IntentTrainer() {
    }

    /**
     * Encodes the (already redacted) texts with the layout of the languages they are in, then trains: only the
     * encoder blocks the data needs reach the network.
     */
    public static IntentModel trainOnTexts(List<String> texts, List<String> labels, IntentSettings settings,
                                           TrainingMonitor monitor) {
        List<Language> layout = MessageEncoder.layoutOf(texts);
        float[][] features = MessageEncoder.shared().features(texts, layout);
        IntentModel pretrained = train(features, labels, settings, monitor, "").withLayout(layout);
        if (settings.fineTune() == null) {
            return pretrained;
        }
        try {
            return EncoderTuning.tryFineTuned(pretrained, texts, labels, layout, settings, monitor);
        } catch (RuntimeException e) {
            pretrained.close();
            throw e;
        }
    }

    /** Trains on {@code features[i]} labelled {@code labels.get(i)}. At least two labels are needed. */
    public static IntentModel train(float[][] features, List<String> labels, IntentSettings settings,
                                    TrainingMonitor monitor) {
        return train(features, labels, settings, monitor, "");
    }

    /**
     * The rows {@link #train} holds out for validation (the others are the first return value's): the same rows
     * for any features of the same labels and settings, so that an encoder fine-tuned without them can be judged on
     * them.
     */
    static List<List<Integer>> validationSplit(List<String> labels, IntentSettings settings) {
        List<String> classes = new ArrayList<>(new TreeSet<>(labels));
        int[] y = labels.stream().mapToInt(l -> Collections.binarySearch(classes, l)).toArray();
        List<Integer> trainRows = new ArrayList<>();
        List<Integer> validationRows = new ArrayList<>();
        stratifiedSplit(y, classes.size(), settings.validationShare(), new Random(settings.seed()), trainRows,
                validationRows);
        return List.of(trainRows, validationRows);
    }

    static IntentModel train(float[][] features, List<String> labels, IntentSettings settings,
                             TrainingMonitor monitor, String phasePrefix) {
        return train(features, labels, settings, monitor, phasePrefix, null);
    }

    /**
     * {@link #train}, choosing on the validation rows whose probabilities the model serves: the classifier's, or,
     * given the fine-tuning {@code head} (null: none), the head's or their average ({@link ScorerChoice}).
     */
    static IntentModel train(float[][] features, List<String> labels, IntentSettings settings,
                             TrainingMonitor monitor, String phasePrefix, FineTuningHead head) {
        List<String> classes = new ArrayList<>(new TreeSet<>(labels));
        if (classes.size() < 2) {
            throw new IllegalArgumentException("at least two different labels are needed to train, got " + classes);
        }
        int[] y = labels.stream().mapToInt(l -> Collections.binarySearch(classes, l)).toArray();
        List<List<Integer>> split = validationSplit(labels, settings);
        List<Integer> trainRows = split.get(0);
        List<Integer> validationRows = split.get(1);

        double threshold = 0;
        ScorerChoice choice = null;
        double validationAccuracy = Double.NaN;
        double validationAccuracyInScope = Double.NaN;
        Map<String, Map<String, Integer>> confusion = new TreeMap<>();
        if (!validationRows.isEmpty()) {
            Model first = fit(features, y, trainRows, classes.size(), settings, monitor, phasePrefix,
                    "validation");
            try (IntentModel probe = new IntentModel(first, classes, 0, settings.hidden(), features[0].length, null)) {
                float[][] vx = new float[validationRows.size()][];
                int[] vy = new int[validationRows.size()];
                for (int k = 0; k < vx.length; k++) {
                    vx[k] = features[validationRows.get(k)];
                    vy[k] = y[validationRows.get(k)];
                }
                float[][] classifier = probe.probabilities(vx);
                Map<IntentScorer, float[][]> candidates = new java.util.EnumMap<>(IntentScorer.class);
                candidates.put(IntentScorer.CLASSIFIER, classifier);
                if (head != null) {
                    candidates.put(IntentScorer.HEAD, head.combine(IntentScorer.HEAD, classifier, vx));
                    candidates.put(IntentScorer.AVERAGE, head.combine(IntentScorer.AVERAGE, classifier, vx));
                }
                int oos = classes.indexOf(IntentModel.OUT_OF_SCOPE);
                choice = ScorerChoice.choose(candidates, vy, oos);
                float[][] probabilities = candidates.get(choice.scorer());
                threshold = choice.threshold();
                validationAccuracy = choice.accuracies().get(choice.scorer());
                validationAccuracyInScope = OutOfScopeThreshold.accuracyWithoutThreshold(probabilities, vy);
                for (int k = 0; k < vy.length; k++) {
                    int top = OutOfScopeThreshold.argmax(probabilities[k]);
                    int predicted = oos >= 0 && probabilities[k][top] < threshold ? oos : top;
                    confusion.computeIfAbsent(classes.get(vy[k]), key -> new TreeMap<>())
                            .merge(classes.get(predicted), 1, Integer::sum);
                }
            }
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            all.add(i);
        }
        Model last = fit(features, y, all, classes.size(), settings, monitor, phasePrefix, "final");
        IntentScorer scorer = choice == null ? IntentScorer.CLASSIFIER : choice.scorer();
        return new IntentModel(last, classes, threshold, settings.hidden(), features[0].length,
                new IntentModel.Validation(validationRows.size(), validationAccuracy, validationAccuracyInScope,
                        confusion, choice)).withScorer(scorer, head);
    }

    /** Holds out {@code share} of each class (rounded, at least one row of any class with two or more rows). */
    public static void stratifiedSplit(int[] y, int classes, double share, Random random, List<Integer> train,
                                List<Integer> validation) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < y.length; i++) {
            byClass.get(y[i]).add(i);
        }
        for (List<Integer> rows : byClass) {
            Collections.shuffle(rows, random);
            int held = rows.size() < 2 || share <= 0 ? 0 : Math.max(1, (int) Math.round(rows.size() * share));
            validation.addAll(rows.subList(0, held));
            train.addAll(rows.subList(held, rows.size()));
        }
        Collections.sort(train);
        Collections.sort(validation);
    }

    private static Model fit(float[][] features, int[] y, List<Integer> rows, int classes, IntentSettings settings,
                             TrainingMonitor monitor, String phasePrefix, String phase) {
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) settings.seed());
        Model model = Model.newInstance("cs-intent", Device.cpu(), "PyTorch");
        model.setBlock(IntentModel.block(settings.hidden(), settings.dropout(), classes));
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam()
                        .optLearningRateTracker(Tracker.fixed(settings.learningRate()))
                        .optWeightDecays(settings.weightDecay())
                        .build())
                .optDevices(new Device[] {Device.cpu()});
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int row : rows) {
            byClass.get(y[row]).add(row);
        }
        List<Integer> present = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            if (!byClass.get(c).isEmpty()) {
                present.add(c);
            }
        }
        int dims = features[0].length;
        int batch = Math.min(settings.batchSize(), rows.size());
        int steps = Math.max(1, rows.size() / batch);
        Random random = new Random(settings.seed() + phase.hashCode());
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(new Shape(batch, dims));
            float[] x = new float[batch * dims];
            float[] labels = new float[batch];
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                double lossSum = 0;
                for (int step = 0; step < steps; step++) {
                    for (int b = 0; b < batch; b++) {
                        // class-balanced: a class uniformly, then one of its rows
                        List<Integer> pool = byClass.get(present.get(random.nextInt(present.size())));
                        int row = pool.get(random.nextInt(pool.size()));
                        System.arraycopy(features[row], 0, x, b * dims, dims);
                        labels[b] = y[row];
                    }
                    try (NDManager manager = trainer.getManager().newSubManager()) {
                        NDArray input = manager.create(x, new Shape(batch, dims));
                        NDArray target = manager.create(labels, new Shape(batch));
                        try (GradientCollector collector = Training.collector(trainer)) {
                            NDArray output = trainer.forward(new NDList(input)).singletonOrThrow();
                            NDArray loss = trainer.getLoss().evaluate(new NDList(target), new NDList(output));
                            collector.backward(loss);
                            lossSum += loss.getFloat();
                        }
                        trainer.step();
                    }
                }
                monitor.epoch(phasePrefix + phase, epoch, settings.epochs(), lossSum / steps);
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }
}

package dev.operon.plugins.cs.understanding.minilm;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import dev.operon.plugins.cs.understanding.IntentTrainer;
import dev.operon.sdk.model.Training;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Fine-tunes all-MiniLM-L6-v2 with a linear classification head, end to end, in DJL (PyTorch engine): cross-entropy,
 * AdamW, a small learning rate for the pretrained encoder and a larger one for the new head, linear warm-up then
 * linear decay. A stratified share of the training rows is held out: after each epoch the model is scored on it and
 * the best epoch's weights are kept; training stops after {@code patience} epochs without improvement.
 */
public final class EncoderFineTuner {

    /**
     * How fine-tuning runs (one configuration for every data set).
     *
     * @param epochs              most passes over the training rows
     * @param batchSize           texts per step
     * @param encoderLearningRate peak learning rate of the encoder's weights
     * @param headLearningRate    peak learning rate of the head's weights
     * @param weightDecay         AdamW's decoupled weight decay
     * @param maxTokens           texts are cut to this many tokens
     * @param validationShare     share of each label held out for early stopping
     * @param patience            epochs without a better validation accuracy before stopping
     * @param trainWordEmbeddings whether the word-embedding table learns too (see {@link MiniLmBlock})
     * @param seed                seed of the split, the head's initialisation and the order of the rows
     */
    public record Settings(int epochs, int batchSize, float encoderLearningRate, float headLearningRate,
                           float weightDecay, int maxTokens, double validationShare, int patience,
                           boolean trainWordEmbeddings, long seed) {

        /** The configuration used everywhere. */
        public static final Settings DEFAULT = new Settings(4, 32, 4e-5f, 2e-3f, 0.01f, 64, 0.1, 1, false,
                20261130L);

        /** The same with another seed. */
        public Settings withSeed(long value) {
            return new Settings(epochs, batchSize, encoderLearningRate, headLearningRate, weightDecay, maxTokens,
                    validationShare, patience, trainWordEmbeddings, value);
        }

        /** The same with another held-out share. */
        public Settings withValidationShare(double value) {
            return new Settings(epochs, batchSize, encoderLearningRate, headLearningRate, weightDecay, maxTokens,
                    value, patience, trainWordEmbeddings, seed);
        }

        /** The same with other peak learning rates (tests use large ones to see weights move in a step). */
        public Settings withLearningRates(float encoder, float head) {
            return new Settings(epochs, batchSize, encoder, head, weightDecay, maxTokens, validationShare, patience,
                    trainWordEmbeddings, seed);
        }

        /** The same with another number of epochs. */
        public Settings withEpochs(int value) {
            return new Settings(value, batchSize, encoderLearningRate, headLearningRate, weightDecay, maxTokens,
                    validationShare, patience, trainWordEmbeddings, seed);
        }
    }

    /** Told after each epoch. */
    public interface Progress {
        /** Nothing to report to. */
        Progress NONE = (epoch, loss, accuracy, seconds) -> { };

        /** {@code accuracy} is on the held-out rows (NaN without any). */
        void epoch(int epoch, double loss, double accuracy, double seconds);

        /** After each step ({@code step} counts from 1 in each epoch); may stop training by throwing. */
        default void step(int epoch, int step, int steps, double loss) {
        }

        /**
         * After a step left out because its loss or gradients were not finite: {@code why} names the loss's value or
         * the parameters whose gradients were not finite.
         */
        default void skipped(int epoch, int step, String why) {
        }

        /** After an epoch that beat every earlier one on the held-out rows: its weights (a checkpoint to keep). */
        default void improved(int epoch, Map<String, OnnxInitializers.Tensor> weights) {
        }
    }

    /**
     * What fine-tuning gave.
     *
     * @param weights            the best epoch's weights (encoder and head), by name
     * @param classes            the labels, sorted: the head's outputs in order
     * @param validationAccuracy the best epoch's accuracy on the held-out rows (NaN without any)
     * @param bestEpoch          the epoch whose weights are kept
     * @param epochSeconds       wall time of each epoch run (training and scoring)
     * @param skippedSteps       steps left out because their loss or gradients were not finite
     */
    public record Result(Map<String, OnnxInitializers.Tensor> weights, List<String> classes,
                         double validationAccuracy, int bestEpoch, List<Double> epochSeconds, int skippedSteps) {
    }

    private static final int BUCKET_BATCHES = 50;
    private static final NDIndex ALL = new NDIndex("...");
    /** Gradients are scaled down to this global L2 norm when larger (BERT's fine-tuning recipe). */
    private static final float MAX_GRADIENT_NORM = 1f;

    private EncoderFineTuner() {
    }

    /** Fine-tunes from the pretrained weights on {@code texts} (already redacted) labelled {@code labels}. */
    public static Result fineTune(MiniLmTokens tokens, Map<String, OnnxInitializers.Tensor> pretrained,
                                  List<String> texts, List<String> labels, Settings settings, Progress progress) {
        List<String> classes = new ArrayList<>(new TreeSet<>(labels));
        if (classes.size() < 2) {
            throw new IllegalArgumentException("at least two different labels are needed to train, got " + classes);
        }
        int[] y = labels.stream().mapToInt(l -> Collections.binarySearch(classes, l)).toArray();
        List<Integer> trainRows = new ArrayList<>();
        List<Integer> validationRows = new ArrayList<>();
        IntentTrainer.stratifiedSplit(y, classes.size(), settings.validationShare(), new Random(settings.seed()),
                trainRows, validationRows);
        return fineTune(tokens, pretrained, texts, labels, trainRows, validationRows, settings, progress);
    }

    /**
     * Fine-tunes on the rows {@code trainRows} of {@code texts}, choosing the epoch by the accuracy on
     * {@code validationRows} (may be empty: then the last epoch is kept).
     */
    public static Result fineTune(MiniLmTokens tokens, Map<String, OnnxInitializers.Tensor> pretrained,
                                  List<String> texts, List<String> labels, List<Integer> trainRows,
                                  List<Integer> validationRows, Settings settings, Progress progress) {
        List<String> classes = new ArrayList<>(new TreeSet<>(labels));
        if (classes.size() < 2) {
            throw new IllegalArgumentException("at least two different labels are needed to train, got " + classes);
        }
        int[] y = labels.stream().mapToInt(l -> Collections.binarySearch(classes, l)).toArray();
        List<long[]> ids = texts.stream().map(tokens::ids).toList();
        Random random = new Random(settings.seed());

        Engine.getEngine("PyTorch").setRandomSeed((int) settings.seed());
        try (Model model = Model.newInstance("cs-encoder", Device.cpu(), "PyTorch")) {
            EncoderClassifierBlock block = new EncoderClassifierBlock(classes.size(), settings.trainWordEmbeddings());
            block.setWeights(pretrained, model.getNDManager(), settings.seed());
            model.setBlock(block);
            int batch = Math.min(settings.batchSize(), trainRows.size());
            int stepsPerEpoch = (trainRows.size() + batch - 1) / batch;
            int totalSteps = stepsPerEpoch * settings.epochs();
            int warmup = Math.max(1, totalSteps / 10);
            ParameterTracker rates = (parameterId, update) -> {
                float peak = block.isHead(parameterId) ? settings.headLearningRate()
                        : settings.encoderLearningRate();
                float factor = update <= warmup ? update / (float) warmup
                        : Math.max(0f, (totalSteps - update) / (float) Math.max(1, totalSteps - warmup));
                return peak * Math.max(factor, 0.01f);
            };
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adamW()
                            .optLearningRateTracker(rates)
                            .optWeightDecays(settings.weightDecay())
                            .build())
                    .optDevices(new Device[] {Device.cpu()});
            Map<String, OnnxInitializers.Tensor> best = null;
            double bestAccuracy = Double.NEGATIVE_INFINITY;
            int bestEpoch = 0;
            int sinceBest = 0;
            int skipped = 0;
            List<Double> seconds = new ArrayList<>();
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(batch, 8), new Shape(batch, 8), new Shape(batch, 8));
                List<Integer> order = new ArrayList<>(trainRows);
                for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                    long start = System.nanoTime();
                    List<List<Integer>> batches = bucketedBatches(order, ids, batch, random);
                    double lossSum = 0;
                    long lossRows = 0;
                    for (int b = 0; b < batches.size(); b++) {
                        List<Integer> rows = batches.get(b);
                        float[] target = new float[rows.size()];
                        List<long[]> batchIds = new ArrayList<>(rows.size());
                        for (int k = 0; k < rows.size(); k++) {
                            batchIds.add(ids.get(rows.get(k)));
                            target[k] = y[rows.get(k)];
                        }
                        StepOutcome outcome;
                        try (NDManager manager = trainer.getManager().newSubManager()) {
                            outcome = step(trainer, block, tokens.batch(batchIds, manager),
                                    manager.create(target, new Shape(rows.size())));
                        }
                        if (outcome.applied()) {
                            lossSum += outcome.loss() * rows.size();
                            lossRows += rows.size();
                        } else {
                            skipped++;
                            progress.skipped(epoch, b + 1, outcome.skippedBecause());
                        }
                        progress.step(epoch, b + 1, stepsPerEpoch, outcome.loss());
                    }
                    double accuracy = validationRows.isEmpty() ? Double.NaN
                            : accuracy(block, trainer, tokens, ids, y, validationRows, batch);
                    double took = (System.nanoTime() - start) / 1e9;
                    seconds.add(took);
                    progress.epoch(epoch, lossSum / Math.max(1, lossRows), accuracy, took);
                    if (validationRows.isEmpty() ? lossRows > 0 : accuracy > bestAccuracy) {
                        bestAccuracy = accuracy;
                        bestEpoch = epoch;
                        best = block.weights();
                        sinceBest = 0;
                        progress.improved(epoch, best);
                    } else if (++sinceBest >= settings.patience()) {
                        break;
                    }
                }
            }
            if (best == null) {
                throw new IllegalStateException("encoder fine-tuning diverged: no epoch gave usable weights");
            }
            return new Result(best, classes, validationRows.isEmpty() ? Double.NaN : bestAccuracy, bestEpoch,
                    List.copyOf(seconds), skipped);
        }
    }

    /**
     * What one training step did.
     *
     * @param loss           the batch's mean loss
     * @param skippedBecause null when the optimiser applied the step; otherwise why it did not (the loss's value, or
     *                       the parameters whose gradients were not finite)
     */
    record StepOutcome(float loss, String skippedBecause) {

        boolean applied() {
            return skippedBecause == null;
        }
    }

    /**
     * One optimiser step of {@code block} (the trainer's model) on a batch: forward, loss, backward, gradients
     * clipped to a global norm of {@value #MAX_GRADIENT_NORM}, update. A step whose loss or gradients are not finite
     * is not applied and its gradients are cleared, so that the next step starts from zero gradients like any other.
     */
    static StepOutcome step(Trainer trainer, Block block, NDList input, NDArray labels) {
        float value;
        String skippedBecause = null;
        try (GradientCollector collector = Training.collector(trainer)) {
            NDArray logits = trainer.forward(input).singletonOrThrow();
            NDArray loss = trainer.getLoss().evaluate(new NDList(labels), new NDList(logits));
            collector.backward(loss);
            value = loss.getFloat();
            if (!Float.isFinite(value)) {
                skippedBecause = "loss " + value;
            } else if (!clipGradients(block, MAX_GRADIENT_NORM)) {
                List<String> names = nonFiniteGradients(block);
                skippedBecause = names.isEmpty() ? "gradient norm not finite in float, every gradient finite: "
                        + largestGradient(block) : "gradients not finite: " + String.join(", ", names);
            }
        }
        if (skippedBecause == null) {
            trainer.step();
        } else {
            // the optimiser's update clears the gradients of a step it applies; a skipped step's must be cleared
            // here, or the next steps would add onto them
            clearGradients(block);
        }
        return new StepOutcome(value, skippedBecause);
    }

    /**
     * Scales the gradients of the trainable parameters down to a global L2 norm of {@code max} when they exceed it.
     * False (nothing changed) when a gradient is not finite: the step must then be skipped.
     */
    static boolean clipGradients(Block block, float max) {
        List<NDArray> gradients = gradients(block);
        try {
            double squares = 0;
            for (NDArray g : gradients) {
                try (NDArray square = g.square(); NDArray sum = square.sum()) {
                    squares += sum.getFloat();
                }
            }
            double norm = Math.sqrt(squares);
            if (!Double.isFinite(norm)) {
                return false;
            }
            if (norm > max) {
                float factor = (float) (max / norm);
                for (NDArray g : gradients) {
                    g.muli(factor);
                }
            }
            return true;
        } finally {
            // the handles only: the parameters keep their gradients
            gradients.forEach(NDArray::close);
        }
    }

    /**
     * Sets every gradient to zero. Not {@link GradientCollector#zeroGradients()}: it subtracts each gradient from
     * itself, which leaves NaN and infinite values as NaN, so that one non-finite step would make every later step's
     * gradients non-finite too (they accumulate onto the old ones).
     */
    static void clearGradients(Block block) {
        for (NDArray gradient : gradients(block)) {
            try (gradient) {
                gradient.set(ALL, 0f);
            }
        }
    }

    /** The names of the parameters whose gradients hold NaN or infinite values. */
    static List<String> nonFiniteGradients(Block block) {
        List<String> names = new ArrayList<>();
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient() && p.getValue().getArray().hasGradient()) {
                try (NDArray g = p.getValue().getArray().getGradient();
                     NDArray bad = g.isNaN().logicalOr(g.isInfinite()).any()) {
                    if (bad.getBoolean()) {
                        names.add(p.getValue().getName());
                    }
                }
            }
        }
        return names;
    }

    /** The parameter with the largest absolute gradient value, and that value (to tell why a step was skipped). */
    static String largestGradient(Block block) {
        String name = null;
        float largest = -1;
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient() && p.getValue().getArray().hasGradient()) {
                try (NDArray g = p.getValue().getArray().getGradient(); NDArray abs = g.abs();
                     NDArray max = abs.max()) {
                    float value = max.getFloat();
                    if (value > largest) {
                        largest = value;
                        name = p.getValue().getName();
                    }
                }
            }
        }
        return name + " " + largest;
    }

    private static List<NDArray> gradients(Block block) {
        List<NDArray> gradients = new ArrayList<>();
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient() && p.getValue().getArray().hasGradient()) {
                gradients.add(p.getValue().getArray().getGradient());
            }
        }
        return gradients;
    }

    /**
     * The rows shuffled into batches of texts of similar length (each batch is padded to its longest text, so random
     * batches would spend much of their work on padding): the shuffled rows are cut into pools of
     * {@value #BUCKET_BATCHES} batches, each pool sorted by length and cut into batches, and the batches shuffled.
     */
    static List<List<Integer>> bucketedBatches(List<Integer> rows, List<long[]> ids, int batch, Random random) {
        List<Integer> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, random);
        List<List<Integer>> batches = new ArrayList<>();
        int pool = batch * BUCKET_BATCHES;
        for (int from = 0; from < shuffled.size(); from += pool) {
            List<Integer> part = new ArrayList<>(shuffled.subList(from, Math.min(shuffled.size(), from + pool)));
            part.sort(java.util.Comparator.comparingInt(i -> ids.get(i).length));
            for (int k = 0; k < part.size(); k += batch) {
                batches.add(List.copyOf(part.subList(k, Math.min(part.size(), k + batch))));
            }
        }
        Collections.shuffle(batches, random);
        return batches;
    }

    private static double accuracy(EncoderClassifierBlock block, Trainer trainer, MiniLmTokens tokens,
                                   List<long[]> ids, int[] y, List<Integer> rows, int batch) {
        int right = 0;
        for (int from = 0; from < rows.size(); from += batch) {
            List<Integer> part = rows.subList(from, Math.min(rows.size(), from + batch));
            try (NDManager manager = trainer.getManager().newSubManager()) {
                NDList input = tokens.batch(part.stream().map(ids::get).toList(), manager);
                long[] predicted = trainer.evaluate(input).singletonOrThrow().argMax(1).toLongArray();
                for (int k = 0; k < part.size(); k++) {
                    if (predicted[k] == y[part.get(k)]) {
                        right++;
                    }
                }
            }
        }
        return right / (double) rows.size();
    }
}

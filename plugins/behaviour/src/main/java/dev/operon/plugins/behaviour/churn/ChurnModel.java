package dev.operon.plugins.behaviour.churn;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.operon.sdk.model.Training;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;

/**
 * A trained churn model: the {@link FeatureEncoder} and the {@link ChurnNetwork} ensemble, trained with DJL. Scores
 * are probabilities of the positive label; explanations are per-column occlusion against the training average.
 *
 * <p>Training: the rows are split into {@code members} stratified folds with the settings' seed; member k trains on
 * the other folds with Adam and L2, shuffled mini-batches, and keeps the parameters of its epoch with the lowest
 * log-loss on fold k (early stopping with patience). The out-of-fold predictions give an honest estimate of the
 * model's quality on unseen rows of the same population ({@link #report()}).
 */
public final class ChurnModel implements AutoCloseable {

    /** The name the DJL parameters are saved under. */
    public static final String MODEL_NAME = "churn";
    static final String ENCODER_FILE = "encoder.tsv";
    static final String NETWORK_FILE = "network.properties";

    private final FeatureEncoder encoder;
    private final Model model;
    private final int members;
    private final int hidden;
    private final float dropout;
    private final TrainingReport report;

    private ChurnModel(FeatureEncoder encoder, Model model, int members, int hidden, float dropout,
                       TrainingReport report) {
        this.encoder = encoder;
        this.model = model;
        this.members = members;
        this.hidden = hidden;
        this.dropout = dropout;
        this.report = report;
    }

    /** Called after every epoch of every member; may throw to stop the training (a cancelled task). */
    @FunctionalInterface
    public interface EpochListener {
        void epoch(int member, int epoch, double trainLoss, double validationLoss);
    }

    /**
     * What the training found out.
     *
     * @param rows             training rows
     * @param positives        positive rows among them
     * @param members          ensemble members trained
     * @param epochs           best epoch of each member
     * @param outOfFoldRocAuc  ROC-AUC of each row's score by the member that did not train on it
     * @param outOfFoldPrAuc   PR-AUC of the same
     * @param outOfFoldLogLoss log-loss of the same
     */
    public record TrainingReport(int rows, int positives, int members, List<Integer> epochs, double outOfFoldRocAuc,
                                 double outOfFoldPrAuc, double outOfFoldLogLoss) {
    }

    /**
     * Trains a model.
     *
     * @param rows   encoded rows ({@code encoder.encode})
     * @param labels their labels
     * @throws IllegalArgumentException when the labels lack one class or there are too few rows
     */
    public static ChurnModel train(FeatureEncoder encoder, float[][] rows, boolean[] labels,
                                   TrainingSettings settings, EpochListener listener) {
        int n = rows.length;
        int positives = 0;
        for (boolean l : labels) {
            positives += l ? 1 : 0;
        }
        int negatives = n - positives;
        if (positives < 2 || negatives < 2) {
            throw new IllegalArgumentException("the training rows need at least 2 positive and 2 negative labels;"
                    + " found " + positives + " positive and " + negatives + " negative");
        }
        int members = Math.min(settings.members(), Math.min(positives, negatives));
        members = Math.max(2, members);
        int width = encoder.width();
        if (width == 0) {
            throw new IllegalArgumentException("no usable feature: every column is empty or constant");
        }
        int[] fold = stratifiedFolds(labels, members, settings.seed());
        float[] flat = flatten(rows, width);
        double[] outOfFold = new double[n];
        List<Integer> bestEpochs = new ArrayList<>();
        List<float[][]> memberParameters = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            Engine.getInstance().setRandomSeed((int) (settings.seed() * 31 + m));
            MemberResult result = trainMember(m, flat, width, labels, fold, settings, listener);
            memberParameters.add(result.parameters);
            bestEpochs.add(result.bestEpoch);
            int[] validation = indices(fold, m, true);
            for (int j = 0; j < validation.length; j++) {
                outOfFold[validation[j]] = result.validationScores[j];
            }
        }
        Model model = Model.newInstance(MODEL_NAME, Device.cpu());
        try {
            Block block = ChurnNetwork.ensemble(members, settings.hidden(), settings.dropout());
            model.setBlock(block);
            block.initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, width));
            List<Parameter> parameters = block.getParameters().values();
            int p = 0;
            for (float[][] member : memberParameters) {
                for (float[] values : member) {
                    parameters.get(p++).getArray().set(FloatBuffer.wrap(values));
                }
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        TrainingReport report = new TrainingReport(n, positives, members, List.copyOf(bestEpochs),
                RankMetrics.rocAuc(outOfFold, labels), RankMetrics.prAuc(outOfFold, labels),
                logLoss(outOfFold, labels));
        return new ChurnModel(encoder, model, members, settings.hidden(), settings.dropout(), report);
    }

    private record MemberResult(float[][] parameters, int bestEpoch, double[] validationScores) {
    }

    private static MemberResult trainMember(int member, float[] flat, int width, boolean[] labels, int[] fold,
                                            TrainingSettings settings, EpochListener listener) {
        int[] train = indices(fold, member, false);
        int[] validation = indices(fold, member, true);
        int batch = settings.batchFor(train.length);
        int maxEpochs = settings.epochsFor(train.length);
        Random random = new Random(settings.seed() * 1_000_003L + member);
        Block block = ChurnNetwork.member(settings.hidden(), settings.dropout());
        try (Model model = Model.newInstance("member-" + member, Device.cpu())) {
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                    .optDevices(new Device[] {Device.cpu()})
                    .optOptimizer(Optimizer.adam()
                            .optLearningRateTracker(Tracker.fixed(settings.learningRate()))
                            .optWeightDecays(settings.weightDecay())
                            .build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, width));
                NDManager manager = trainer.getManager();
                float[] validationRows = gather(flat, width, validation, 0, validation.length);
                double bestLoss = Double.POSITIVE_INFINITY;
                float[][] best = snapshot(block);
                double[] bestScores = new double[validation.length];
                int bestEpoch = 0;
                for (int epoch = 1; epoch <= maxEpochs; epoch++) {
                    shuffle(train, random);
                    double lossSum = 0;
                    for (int start = 0; start < train.length; start += batch) {
                        int end = Math.min(train.length, start + batch);
                        try (NDManager step = manager.newSubManager()) {
                            NDArray x = step.create(gather(flat, width, train, start, end),
                                    new Shape(end - start, width));
                            float[] y = new float[end - start];
                            for (int i = start; i < end; i++) {
                                y[i - start] = labels[train[i]] ? 1f : 0f;
                            }
                            NDArray target = step.create(y, new Shape(end - start, 1));
                            try (GradientCollector collector = Training.collector(trainer)) {
                                NDList predicted = trainer.forward(new NDList(x));
                                NDArray loss = trainer.getLoss().evaluate(new NDList(target), predicted);
                                lossSum += loss.getFloat() * (end - start);
                                collector.backward(loss);
                            }
                            trainer.step();
                        }
                    }
                    double[] scores = forward(manager, block, validationRows, validation.length, width);
                    boolean[] validationLabels = new boolean[validation.length];
                    for (int i = 0; i < validation.length; i++) {
                        validationLabels[i] = labels[validation[i]];
                    }
                    double validationLoss = logLoss(scores, validationLabels);
                    if (listener != null) {
                        listener.epoch(member, epoch, lossSum / train.length, validationLoss);
                    }
                    if (validationLoss < bestLoss - 1e-5) {
                        bestLoss = validationLoss;
                        best = snapshot(block);
                        bestScores = scores;
                        bestEpoch = epoch;
                    } else if (epoch - bestEpoch >= settings.patience()) {
                        break;
                    }
                }
                return new MemberResult(best, bestEpoch, bestScores);
            }
        }
    }

    /** Probabilities from a block's logits, in chunks. */
    private static double[] forward(NDManager parent, Block block, float[] rows, int count, int width) {
        double[] out = new double[count];
        int chunk = 8192;
        for (int start = 0; start < count; start += chunk) {
            int end = Math.min(count, start + chunk);
            try (NDManager manager = parent.newSubManager()) {
                NDArray x = manager.create(Arrays.copyOfRange(rows, start * width, end * width),
                        new Shape(end - start, width));
                float[] logits = block.forward(new ParameterStore(manager, false), new NDList(x), false)
                        .singletonOrThrow().toFloatArray();
                for (int i = 0; i < logits.length; i++) {
                    out[start + i] = sigmoid(logits[i]);
                }
            }
        }
        return out;
    }

    // ---- using it

    public FeatureEncoder encoder() {
        return encoder;
    }

    public TrainingReport report() {
        return report;
    }

    /** The underlying DJL model (its block is the ensemble). */
    public Model djlModel() {
        return model;
    }

    /** Probabilities of the positive label for encoded rows. */
    public double[] scores(float[][] rows) {
        int width = encoder.width();
        return forward(model.getNDManager(), model.getBlock(), flatten(rows, width), rows.length, width);
    }

    /**
     * Per-column contributions for each row: {@code result[r][g]} is the score of row r minus its score with
     * column g (in {@link FeatureEncoder#groups()} order) set to the training average.
     */
    public double[][] contributions(float[][] rows) {
        int width = encoder.width();
        List<int[]> groups = new ArrayList<>(encoder.groups().values());
        float[] baseline = encoder.baseline();
        int variants = groups.size() + 1;
        int perChunk = Math.max(1, 16384 / variants);
        double[][] out = new double[rows.length][groups.size()];
        for (int start = 0; start < rows.length; start += perChunk) {
            int end = Math.min(rows.length, start + perChunk);
            float[] matrix = new float[(end - start) * variants * width];
            int at = 0;
            for (int r = start; r < end; r++) {
                System.arraycopy(rows[r], 0, matrix, at, width);
                at += width;
                for (int[] g : groups) {
                    System.arraycopy(rows[r], 0, matrix, at, width);
                    System.arraycopy(baseline, g[0], matrix, at + g[0], g[1] - g[0]);
                    at += width;
                }
            }
            double[] scores = forward(model.getNDManager(), model.getBlock(), matrix, (end - start) * variants,
                    width);
            for (int r = start; r < end; r++) {
                int base = (r - start) * variants;
                for (int g = 0; g < groups.size(); g++) {
                    out[r][g] = scores[base] - scores[base + 1 + g];
                }
            }
        }
        return out;
    }

    /**
     * The {@code top} columns that moved this row's score most, largest first.
     *
     * @param contributions one row of {@link #contributions}
     * @param aligned       the row's raw values in {@link FeatureEncoder#columns()} order (shown as values)
     */
    public List<Contribution> top(double[] contributions, String[] aligned, int top) {
        return top(encoder, contributions, aligned, top);
    }

    static List<Contribution> top(FeatureEncoder encoder, double[] contributions, String[] aligned, int top) {
        List<String> names = encoder.columns();
        List<Contribution> all = new ArrayList<>();
        for (int g = 0; g < names.size(); g++) {
            String value = aligned[g] == null ? "" : aligned[g].strip();
            all.add(new Contribution(names.get(g), value, contributions[g]));
        }
        all.sort(FeatureEncoder.BY_SIZE);
        return List.copyOf(all.subList(0, Math.min(top, all.size())));
    }

    // ---- files

    /** Saves the parameters, the encoder and the network's shape to {@code directory}. */
    public void save(Path directory) throws IOException {
        Files.createDirectories(directory);
        model.save(directory, MODEL_NAME);
        Files.writeString(directory.resolve(ENCODER_FILE), encoder.write(), StandardCharsets.UTF_8);
        Properties network = new Properties();
        network.setProperty("members", Integer.toString(members));
        network.setProperty("hidden", Integer.toString(hidden));
        network.setProperty("dropout", Float.toString(dropout));
        network.setProperty("inputs", Integer.toString(encoder.width()));
        try (Writer out = Files.newBufferedWriter(directory.resolve(NETWORK_FILE), StandardCharsets.UTF_8)) {
            network.store(out, "churn network shape");
        }
    }

    /** Loads what {@link #save} wrote. */
    public static ChurnModel load(Path directory, Device device) throws IOException, MalformedModelException {
        FeatureEncoder encoder = loadEncoder(directory);
        Properties network = network(directory);
        Model model = loadNetwork(directory, device);
        return new ChurnModel(encoder, model, Integer.parseInt(network.getProperty("members")),
                Integer.parseInt(network.getProperty("hidden")), Float.parseFloat(network.getProperty("dropout")),
                null);
    }

    /** Loads only the DJL model (the ensemble block with its saved parameters). */
    public static Model loadNetwork(Path directory, Device device) throws IOException, MalformedModelException {
        Properties network = network(directory);
        int members = Integer.parseInt(network.getProperty("members"));
        int hidden = Integer.parseInt(network.getProperty("hidden"));
        float dropout = Float.parseFloat(network.getProperty("dropout"));
        Model model = Model.newInstance(MODEL_NAME, device);
        try {
            model.setBlock(ChurnNetwork.ensemble(members, hidden, dropout));
            model.load(directory, MODEL_NAME);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    private static Properties network(Path directory) throws IOException {
        Properties network = new Properties();
        try (Reader in = Files.newBufferedReader(directory.resolve(NETWORK_FILE), StandardCharsets.UTF_8)) {
            network.load(in);
        }
        return network;
    }

    /** Reads only the encoder of a saved model. */
    public static FeatureEncoder loadEncoder(Path directory) throws IOException {
        return FeatureEncoder.parse(Files.readString(directory.resolve(ENCODER_FILE), StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        model.close();
    }

    // ---- helpers

    static int[] stratifiedFolds(boolean[] labels, int folds, long seed) {
        Random random = new Random(seed);
        int[] fold = new int[labels.length];
        for (boolean cls : new boolean[] {true, false}) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == cls) {
                    members.add(i);
                }
            }
            java.util.Collections.shuffle(members, random);
            for (int k = 0; k < members.size(); k++) {
                fold[members.get(k)] = k % folds;
            }
        }
        return fold;
    }

    private static int[] indices(int[] fold, int member, boolean inFold) {
        return java.util.stream.IntStream.range(0, fold.length).filter(i -> (fold[i] == member) == inFold).toArray();
    }

    private static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    private static float[] flatten(float[][] rows, int width) {
        float[] flat = new float[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * width, width);
        }
        return flat;
    }

    private static float[] gather(float[] flat, int width, int[] rows, int start, int end) {
        float[] out = new float[(end - start) * width];
        for (int i = start; i < end; i++) {
            System.arraycopy(flat, rows[i] * width, out, (i - start) * width, width);
        }
        return out;
    }

    private static float[][] snapshot(Block block) {
        List<Parameter> parameters = block.getParameters().values();
        float[][] out = new float[parameters.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = parameters.get(i).getArray().toFloatArray();
        }
        return out;
    }

    static double sigmoid(double logit) {
        return logit >= 0 ? 1 / (1 + Math.exp(-logit)) : Math.exp(logit) / (1 + Math.exp(logit));
    }

    static double logLoss(double[] p, boolean[] labels) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double q = Math.min(1 - 1e-7, Math.max(1e-7, p[i]));
            sum -= labels[i] ? Math.log(q) : Math.log(1 - q);
        }
        return p.length == 0 ? Double.NaN : sum / p.length;
    }
}

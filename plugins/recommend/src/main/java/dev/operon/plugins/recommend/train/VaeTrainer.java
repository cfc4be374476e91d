package dev.operon.plugins.recommend.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.VaeRecommender;
import dev.operon.sdk.model.Training;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Mult-VAE (Liang et al., "Variational Autoencoders for Collaborative Filtering", WWW 2018) trained with DJL: each
 * user's row of the interaction matrix is one example; loss = multinomial log-likelihood of the row under the
 * decoder's softmax plus beta times the KL divergence of the latent Gaussian from N(0, I), beta annealed linearly
 * from 0 to {@code beta} over {@code anneal-epochs}; dropout on the input, Adam. With a validator it checks NDCG@10
 * every {@code EVAL_EVERY} epochs, stops after {@code PATIENCE} checks without gain and keeps the best epoch.
 *
 * <p>{@link #denoising} gives Mult-DAE, the paper's other model: the same network and multinomial likelihood with
 * dropout on the input, but deterministic (the latent is the mean, never sampled) and without the KL term.
 */
public final class VaeTrainer implements KindTrainer {

    static final int BATCH = 128;
    static final int MAX_EPOCHS = 60;
    static final int EVAL_EVERY = 5;
    static final int PATIENCE = 2;
    private final long seed;
    private final boolean variational;

    public VaeTrainer(long seed) {
        this(seed, true);
    }

    private VaeTrainer(long seed, boolean variational) {
        this.seed = seed;
        this.variational = variational;
    }

    /** Mult-DAE: no sampling of the latent and no KL term (its kind is {@link ModelKind#MULT_DAE}). */
    public static VaeTrainer denoising(long seed) {
        return new VaeTrainer(seed, false);
    }

    @Override
    public ModelKind kind() {
        return variational ? ModelKind.MULT_VAE : ModelKind.MULT_DAE;
    }

    @Override
    public List<Map<String, Object>> grid(Interactions data) {
        List<Map<String, Object>> grid = new ArrayList<>();
        // one entry: on MovieLens-100K a second (beta 0.5) peaked at the same validation NDCG@10 (0.244 against
        // 0.241) for twice the CPU; the epoch count is what early stopping chooses
        for (double beta : variational ? new double[] {0.2} : new double[] {0}) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("hidden", 600);
            entry.put("latent", 200);
            entry.put("dropout", 0.5);
            entry.put("beta", beta);
            entry.put("anneal-epochs", 50);
            entry.put("learning-rate", 1e-3);
            entry.put("epochs", MAX_EPOCHS);
            grid.add(entry);
        }
        return grid;
    }

    @Override
    public Fitted fit(Interactions data, Map<String, Object> params, Validator validator, Progress progress)
            throws Exception {
        int hidden = HyperParams.integer(params, "hidden");
        int latent = HyperParams.integer(params, "latent");
        float dropout = (float) HyperParams.number(params, "dropout");
        float beta = (float) HyperParams.number(params, "beta");
        int annealEpochs = Math.max(1, HyperParams.integer(params, "anneal-epochs"));
        float learningRate = (float) HyperParams.number(params, "learning-rate");
        int epochs = HyperParams.integer(params, "epochs");
        int users = data.userCount();
        int items = data.itemCount();
        Random random = new Random(seed);
        Engine.getInstance().setRandomSeed((int) seed);
        VaeBlock block = new VaeBlock(items, hidden, latent, dropout);
        block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build());
        int[] order = new int[users];
        for (int u = 0; u < users; u++) {
            order[u] = u;
        }
        int stepsPerEpoch = (users + BATCH - 1) / BATCH;
        float[][] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        int checksWithoutGain = 0;
        try (Model model = Model.newInstance("mult-vae")) {
            model.setBlock(block);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(BATCH, items), new Shape(BATCH, latent));
                NDManager manager = trainer.getManager();
                int step = 0;
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    BprTrainer.shuffle(order, random);
                    double lossSum = 0;
                    for (int start = 0; start < users; start += BATCH) {
                        int end = Math.min(users, start + BATCH);
                        int rows = end - start;
                        float[] x = rows(data, order, start, end, false);
                        float anneal = Math.min(beta, beta * step / (float) (annealEpochs * stepsPerEpoch));
                        step++;
                        try (NDManager batch = manager.newSubManager();
                             GradientCollector collector = Training.collector(trainer)) {
                            NDArray input = batch.create(x, new Shape(rows, items));
                            // Mult-DAE: eps = 0, so the latent is its mean and the log-variance has no effect
                            NDArray eps = variational ? batch.randomNormal(new Shape(rows, latent))
                                    : batch.zeros(new Shape(rows, latent));
                            NDList out = trainer.forward(new NDList(input, eps));
                            NDArray logits = out.get(0);
                            NDArray mu = out.get(1);
                            NDArray logVar = out.get(2);
                            NDArray likelihood = logits.logSoftmax(1).mul(input).sum(new int[] {1}).mean();
                            NDArray kl = logVar.add(1f).sub(mu.square()).sub(logVar.exp()).sum(new int[] {1})
                                    .mean().mul(-0.5f);
                            // Mult-DAE's beta is 0: the KL term stays in the graph (the log-variance gets zero
                            // gradients rather than none) but weighs nothing
                            NDArray loss = likelihood.neg().add(kl.mul(anneal));
                            lossSum += loss.getFloat() * rows;
                            collector.backward(loss);
                        }
                        trainer.step();
                    }
                    if (validator != null && (epoch % EVAL_EVERY == 0 || epoch == epochs)) {
                        float[][] now = snapshot(block);
                        double score = validator.ndcg(recommender(kind(), data, hidden, latent, now));
                        progress.step(String.format(Locale.ROOT, "%s beta %s epoch %d loss %.3f validation"
                                + " ndcg@10 %.4f", kind().id(), beta, epoch, lossSum / users, score));
                        if (score > bestScore) {
                            bestScore = score;
                            bestEpoch = epoch;
                            best = now;
                            checksWithoutGain = 0;
                        } else if (++checksWithoutGain >= PATIENCE) {
                            break;
                        }
                    }
                }
                if (best == null) {
                    bestEpoch = epochs;
                    best = snapshot(block);
                }
            }
        }
        Map<String, Object> used = new LinkedHashMap<>(params);
        used.put("epochs", bestEpoch);
        return new Fitted(recommender(kind(), data, hidden, latent, best), used);
    }

    /**
     * The rows of users {@code order[start..end)} as one row-major batch: each item's weight, or 1 when
     * {@code binary}.
     */
    static float[] rows(Interactions data, int[] order, int start, int end, boolean binary) {
        int items = data.itemCount();
        float[] x = new float[(end - start) * items];
        for (int r = 0; r < end - start; r++) {
            int u = order[start + r];
            for (int k = 0; k < data.count(u); k++) {
                x[r * items + data.itemAt(u, k)] = binary ? 1f : data.weightAt(u, k);
            }
        }
        return x;
    }

    private static float[][] snapshot(VaeBlock block) {
        Parameter[] parameters = block.servingParameters();
        float[][] values = new float[parameters.length][];
        for (int p = 0; p < parameters.length; p++) {
            values[p] = parameters[p].getArray().toFloatArray();
        }
        return values;
    }

    private static VaeRecommender recommender(ModelKind kind, Interactions data, int hidden, int latent,
                                              float[][] w) {
        return new VaeRecommender(kind, data.users(), data.items(), new VaeRecommender.VaeWeights(hidden, latent, w[0],
                w[1], w[2], w[3], w[4], w[5], w[6], w[7]));
    }
}

package dev.operon.plugins.recommend.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.operon.plugins.recommend.model.Interactions;
import dev.operon.plugins.recommend.model.ModelKind;
import dev.operon.plugins.recommend.model.RecVaeRecommender;
import dev.operon.sdk.model.Training;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * RecVAE (Shenbin, Alekseev, Tutubalina, Malykh, Nikolenko: "RecVAE: a New Variational Autoencoder for Top-N
 * Recommendations with Implicit Feedback", WSDM 2020) trained with DJL. It changes Mult-VAE in four ways:
 * <ul>
 *   <li>a denser encoder ({@link RecVaeEncoder}: several swish layers with layer norm and sums of all earlier
 *   layers) and a linear decoder (one {@link Linear} layer: latent to items);</li>
 *   <li>the composite prior ({@link CompositePrior}): standard normal, the previous epoch's posterior, a wide
 *   normal;</li>
 *   <li>the KL term weighted per user by {@code gamma} times the user's number of items;</li>
 *   <li>alternating updates, each with its own Adam: every epoch the encoder is trained for
 *   {@code encoder-passes} passes over the users (input dropout), the prior takes the encoder as it is then, and
 *   the decoder is trained for {@code decoder-passes} passes (no dropout; its loss is the multinomial likelihood,
 *   the KL term having no gradient for it).</li>
 * </ul>
 * Rows are the users' 0/1 rows (the serving side sees item lists only). With a validator NDCG@10 is checked every
 * {@code EVAL_EVERY} epochs; training stops after {@code PATIENCE} checks without gain and keeps the best epoch.
 */
public final class RecVaeTrainer implements KindTrainer {

    static final int BATCH = 128;
    static final int MAX_EPOCHS = 50;
    static final int EVAL_EVERY = 2;
    static final int PATIENCE = 3;
    private final long seed;

    public RecVaeTrainer(long seed) {
        this.seed = seed;
    }

    @Override
    public ModelKind kind() {
        return ModelKind.RECVAE;
    }

    @Override
    public List<Map<String, Object>> grid(Interactions data) {
        List<Map<String, Object>> grid = new ArrayList<>();
        Map<String, Object> entry = new LinkedHashMap<>();
        // the paper's network and schedule (hidden 600, latent 200, five layers, dropout 0.5, three encoder passes
        // to a decoder pass) with batches of 128 users rather than 500; gamma and the learning rate from a
        // validation-only search on MovieLens-100K (gamma 0.0025-0.04 x Adam 5e-4 or 1e-3, seven entries:
        // docs/benchmarks.md, 2026-12-01): the paper's gamma 0.005 regularised too little for its users
        entry.put("hidden", 600);
        entry.put("latent", 200);
        entry.put("layers", 5);
        entry.put("dropout", 0.5);
        entry.put("gamma", 0.01);
        entry.put("learning-rate", 1e-3);
        entry.put("encoder-passes", 3);
        entry.put("decoder-passes", 1);
        entry.put("epochs", MAX_EPOCHS);
        grid.add(entry);
        return grid;
    }

    /** The settings of one fit. */
    private record Settings(int hidden, int latent, int layers, float dropout, float gamma, float learningRate,
                            int encoderPasses, int decoderPasses, int epochs) {
        static Settings of(Map<String, Object> params) {
            return new Settings(HyperParams.integer(params, "hidden"), HyperParams.integer(params, "latent"),
                    HyperParams.integer(params, "layers"), (float) HyperParams.number(params, "dropout"),
                    (float) HyperParams.number(params, "gamma"), (float) HyperParams.number(params, "learning-rate"),
                    HyperParams.integer(params, "encoder-passes"), HyperParams.integer(params, "decoder-passes"),
                    HyperParams.integer(params, "epochs"));
        }
    }

    @Override
    public Fitted fit(Interactions data, Map<String, Object> params, Validator validator, Progress progress)
            throws Exception {
        Settings s = Settings.of(params);
        int users = data.userCount();
        int items = data.itemCount();
        Random random = new Random(seed);
        Engine.getInstance().setRandomSeed((int) seed);
        RecVaeEncoder encoder = new RecVaeEncoder(items, s.hidden(), s.latent(), s.layers());
        encoder.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        Linear decoder = Linear.builder().setUnits(items).build();
        decoder.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        int[] order = new int[users];
        for (int u = 0; u < users; u++) {
            order[u] = u;
        }
        float[][] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        int checksWithoutGain = 0;
        try (Model encoderModel = Model.newInstance("recvae-encoder");
             Model decoderModel = Model.newInstance("recvae-decoder")) {
            encoderModel.setBlock(encoder);
            decoderModel.setBlock(decoder);
            try (Trainer encoderTrainer = encoderModel.newTrainer(config(s.learningRate()));
                 Trainer decoderTrainer = decoderModel.newTrainer(config(s.learningRate()))) {
                encoderTrainer.initialize(new Shape(BATCH, items));
                decoderTrainer.initialize(new Shape(BATCH, s.latent()));
                try (Steps steps = new Steps(data, s, encoder, encoderTrainer, decoderTrainer)) {
                    for (int epoch = 1; epoch <= s.epochs(); epoch++) {
                        double loss = 0;
                        for (int pass = 0; pass < s.encoderPasses(); pass++) {
                            BprTrainer.shuffle(order, random);
                            loss = steps.encoderPass(order);
                        }
                        steps.updatePrior();
                        for (int pass = 0; pass < s.decoderPasses(); pass++) {
                            BprTrainer.shuffle(order, random);
                            steps.decoderPass(order);
                        }
                        if (validator != null && (epoch % EVAL_EVERY == 0 || epoch == s.epochs())) {
                            float[][] now = snapshot(encoder, decoder, items, s.latent());
                            double score = validator.ndcg(recommender(data, s, now));
                            progress.step(String.format(Locale.ROOT, "recvae gamma %s epoch %d loss %.3f validation"
                                    + " ndcg@10 %.4f", s.gamma(), epoch, loss, score));
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
                }
                if (best == null) {
                    bestEpoch = s.epochs();
                    best = snapshot(encoder, decoder, items, s.latent());
                }
            }
        }
        Map<String, Object> used = new LinkedHashMap<>(params);
        used.put("epochs", bestEpoch);
        return new Fitted(recommender(data, s, best), used);
    }

    /** The encoder's and the decoder's updates over batches of users, and the frozen encoder of the prior. */
    private static final class Steps implements AutoCloseable {
        private final Interactions data;
        private final Settings s;
        private final RecVaeEncoder encoder;
        private final Trainer encoderTrainer;
        private final Trainer decoderTrainer;
        private final NDManager manager;
        private NDManager frozenManager;
        private Function<Parameter, NDArray> previous;

        Steps(Interactions data, Settings s, RecVaeEncoder encoder, Trainer encoderTrainer,
              Trainer decoderTrainer) {
            this.data = data;
            this.s = s;
            this.encoder = encoder;
            this.encoderTrainer = encoderTrainer;
            this.decoderTrainer = decoderTrainer;
            this.manager = encoderTrainer.getManager();
            updatePrior();
        }

        /** The prior's posterior part (and the decoder's encoder) becomes the encoder as it is now. */
        void updatePrior() {
            close();
            frozenManager = manager.newSubManager();
            previous = encoder.freeze(frozenManager);
        }

        /** One pass of encoder updates; answers the mean loss per user. */
        double encoderPass(int[] order) {
            double lossSum = 0;
            for (int start = 0; start < order.length; start += BATCH) {
                int end = Math.min(order.length, start + BATCH);
                try (NDManager batch = manager.newSubManager();
                     GradientCollector collector = Training.collector(encoderTrainer)) {
                    NDArray x = rows(batch, order, start, end);
                    NDList posterior = encoderTrainer.forward(new NDList(RecVaeEncoder.prepare(x, s.dropout())));
                    NDArray mu = posterior.get(0);
                    NDArray logVar = posterior.get(1);
                    NDArray noise = batch.randomNormal(mu.getShape());
                    NDArray z = logVar.mul(0.5f).exp().mul(noise).add(mu);
                    NDArray logits = decoderTrainer.forward(new NDList(z)).head();
                    NDArray likelihood = logits.logSoftmax(1).mul(x).sum(new int[] {1});
                    NDList before = encoder.encode(RecVaeEncoder.prepare(x, 0f), previous);
                    // log q(z) from the noise itself: (z - mu)^2 / var would be 0 / 0 once var underflows
                    NDArray kl = noise.square().add(logVar).add(CompositePrior.LOG_2PI).mul(-0.5f)
                            .sub(CompositePrior.logDensity(z, before.get(0), before.get(1)))
                            .sum(new int[] {1}).mul(x.sum(new int[] {1}).mul(s.gamma()));
                    NDArray loss = kl.sub(likelihood).mean();
                    lossSum += loss.getFloat() * (end - start);
                    collector.backward(loss);
                }
                encoderTrainer.step();
            }
            return lossSum / order.length;
        }

        /** One pass of decoder updates over the frozen encoder (the current one) without dropout. */
        void decoderPass(int[] order) {
            for (int start = 0; start < order.length; start += BATCH) {
                int end = Math.min(order.length, start + BATCH);
                // the encoder's passes left gradients on the decoder (Adam clears only what it updates)
                clearGradients(decoderTrainer.getModel().getBlock());
                try (NDManager batch = manager.newSubManager();
                     GradientCollector collector = Training.collector(decoderTrainer)) {
                    NDArray x = rows(batch, order, start, end);
                    NDList posterior = encoder.encode(RecVaeEncoder.prepare(x, 0f), previous);
                    NDArray z = sample(batch, posterior.get(0), posterior.get(1));
                    NDArray logits = decoderTrainer.forward(new NDList(z)).head();
                    collector.backward(logits.logSoftmax(1).mul(x).sum(new int[] {1}).mean().neg());
                }
                decoderTrainer.step();
            }
        }

        private NDArray rows(NDManager batch, int[] order, int start, int end) {
            return batch.create(VaeTrainer.rows(data, order, start, end, true),
                    new Shape(end - start, data.itemCount()));
        }

        private static void clearGradients(Block block) {
            for (Parameter parameter : block.getParameters().values()) {
                NDArray array = parameter.getArray();
                if (array.hasGradient()) {
                    try (NDArray gradient = array.getGradient()) {
                        gradient.subi(gradient);
                    }
                }
            }
        }

        private static NDArray sample(NDManager batch, NDArray mu, NDArray logVar) {
            return logVar.mul(0.5f).exp().mul(batch.randomNormal(mu.getShape())).add(mu);
        }

        @Override
        public void close() {
            if (frozenManager != null) {
                frozenManager.close();
                frozenManager = null;
            }
        }
    }

    private static DefaultTrainingConfig config(float learningRate) {
        return new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build());
    }

    /** The serving weights: the encoder's (mean path) and the decoder's, transposed to latent x items. */
    private static float[][] snapshot(RecVaeEncoder encoder, Linear decoder, int items, int latent) {
        List<Parameter> parameters = encoder.servingParameters();
        float[][] values = new float[parameters.size() + 2][];
        for (int p = 0; p < parameters.size(); p++) {
            values[p] = parameters.get(p).getArray().toFloatArray();
        }
        float[] weight = decoder.getParameters().get("weight").getArray().toFloatArray();
        float[] transposed = new float[weight.length];
        for (int i = 0; i < items; i++) {
            for (int k = 0; k < latent; k++) {
                transposed[k * items + i] = weight[i * latent + k];
            }
        }
        values[parameters.size()] = transposed;
        values[parameters.size() + 1] = decoder.getParameters().get("bias").getArray().toFloatArray();
        return values;
    }

    /** The serving model of the network as it is now (what the tests compare with the network's own output). */
    static RecVaeRecommender servingModel(Interactions data, RecVaeEncoder encoder, Linear decoder, int hidden,
                                          int latent, int layers) {
        return new RecVaeRecommender(data.users(), data.items(), RecVaeRecommender.weights(hidden, latent, layers,
                snapshot(encoder, decoder, data.itemCount(), latent)));
    }

    private static RecVaeRecommender recommender(Interactions data, Settings s, float[][] weights) {
        return new RecVaeRecommender(data.users(), data.items(),
                RecVaeRecommender.weights(s.hidden(), s.latent(), s.layers(), weights));
    }
}

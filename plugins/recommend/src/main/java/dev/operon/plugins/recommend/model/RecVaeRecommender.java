package dev.operon.plugins.recommend.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * RecVAE (Shenbin et al., WSDM 2020) at serving time: the encoder's mean and the decoder. The history as an
 * L2-normalised 0/1 row goes through {@code layers} dense layers, each {@code h_k = LayerNorm(swish(h_{k-1} W_k +
 * b_k + h_1 + ... + h_{k-1}))} (no sum for the first), then the latent mean {@code mu = h_L Wmu + bmu}, then the
 * linear decoder {@code mu Wd + bd}: one logit per item. No sampling and no dropout. Knows no user, only
 * histories. Plain Java over the weights DJL trained ({@code train.RecVaeTrainer}).
 */
public final class RecVaeRecommender extends BaseRecommender {

    static final String FILE = "recvae-weights.bin";
    static final String SHAPE = "recvae-shape.bin";
    /**
     * Layer normalisation's epsilon, as in training: large (0.1, as the authors' code has it) so that a nearly
     * constant layer is not blown up to unit variance, which made training diverge here with 1e-5.
     */
    public static final float NORM_EPSILON = 0.1f;
    private final int n;
    private final RecVaeWeights w;

    /**
     * The trained weights, matrices row-major {@code in x out}: {@code dense[0]} is items x hidden, the others
     * hidden x hidden; {@code gamma}, {@code beta} the layer norms' scale and shift; {@code mean} hidden x latent;
     * {@code decoder} latent x items.
     */
    public record RecVaeWeights(int hidden, int latent, float[][] dense, float[][] denseBias, float[][] gamma,
                                float[][] beta, float[] mean, float[] meanBias, float[] decoder,
                                float[] decoderBias) {
        int layers() {
            return dense.length;
        }

        float[][] all() {
            float[][] all = new float[4 * layers() + 4][];
            for (int k = 0; k < layers(); k++) {
                all[4 * k] = dense[k];
                all[4 * k + 1] = denseBias[k];
                all[4 * k + 2] = gamma[k];
                all[4 * k + 3] = beta[k];
            }
            all[4 * layers()] = mean;
            all[4 * layers() + 1] = meanBias;
            all[4 * layers() + 2] = decoder;
            all[4 * layers() + 3] = decoderBias;
            return all;
        }

        static int[] sizes(int items, int hidden, int latent, int layers) {
            int[] sizes = new int[4 * layers + 4];
            for (int k = 0; k < layers; k++) {
                sizes[4 * k] = (k == 0 ? items : hidden) * hidden;
                sizes[4 * k + 1] = hidden;
                sizes[4 * k + 2] = hidden;
                sizes[4 * k + 3] = hidden;
            }
            sizes[4 * layers] = hidden * latent;
            sizes[4 * layers + 1] = latent;
            sizes[4 * layers + 2] = latent * items;
            sizes[4 * layers + 3] = items;
            return sizes;
        }

        static RecVaeWeights of(int hidden, int latent, int layers, float[][] all) {
            float[][] dense = new float[layers][];
            float[][] denseBias = new float[layers][];
            float[][] gamma = new float[layers][];
            float[][] beta = new float[layers][];
            for (int k = 0; k < layers; k++) {
                dense[k] = all[4 * k];
                denseBias[k] = all[4 * k + 1];
                gamma[k] = all[4 * k + 2];
                beta[k] = all[4 * k + 3];
            }
            return new RecVaeWeights(hidden, latent, dense, denseBias, gamma, beta, all[4 * layers],
                    all[4 * layers + 1], all[4 * layers + 2], all[4 * layers + 3]);
        }
    }

    public RecVaeRecommender(IdIndex users, IdIndex items, RecVaeWeights w) {
        super(ModelKind.RECVAE, users, items);
        this.n = items.size();
        int[] sizes = RecVaeWeights.sizes(n, w.hidden(), w.latent(), w.layers());
        float[][] all = w.all();
        for (int p = 0; p < sizes.length; p++) {
            if (all[p].length != sizes[p]) {
                throw new IllegalArgumentException("RecVAE weights do not match items x hidden x latent");
            }
        }
        this.w = w;
    }

    /** Builds the weights from the flat list {@link RecVaeWeights#all()} gives (what training snapshots). */
    public static RecVaeWeights weights(int hidden, int latent, int layers, float[][] all) {
        return RecVaeWeights.of(hidden, latent, layers, all);
    }

    static RecVaeRecommender load(IdIndex users, IdIndex items, Path directory) throws IOException {
        int[] shape = ArrayFiles.readInts(directory.resolve(SHAPE));
        int hidden = shape[0];
        int latent = shape[1];
        int layers = shape[2];
        float[][] parts = DenseLayers.split(ArrayFiles.readFloats(directory.resolve(FILE)),
                RecVaeWeights.sizes(items.size(), hidden, latent, layers), "RecVAE weights in " + directory);
        return new RecVaeRecommender(users, items, RecVaeWeights.of(hidden, latent, layers, parts));
    }

    @Override
    public void score(int user, int[] history, float[] out) {
        int hidden = w.hidden();
        float[] skip = new float[hidden];
        float[] h = DenseLayers.firstLayer(history, n, w.dense()[0], w.denseBias()[0], hidden);
        for (int k = 0; ; k++) {
            DenseLayers.swish(h);
            DenseLayers.layerNorm(h, w.gamma()[k], w.beta()[k], NORM_EPSILON);
            for (int j = 0; j < hidden; j++) {
                skip[j] += h[j];
            }
            if (k + 1 == w.layers()) {
                break;
            }
            h = DenseLayers.layer(h, w.dense()[k + 1], w.denseBias()[k + 1], hidden);
            for (int j = 0; j < hidden; j++) {
                h[j] += skip[j];
            }
        }
        float[] mu = DenseLayers.layer(h, w.mean(), w.meanBias(), w.latent());
        float[] logits = DenseLayers.layer(mu, w.decoder(), w.decoderBias(), n);
        System.arraycopy(logits, 0, out, 0, n);
    }

    @Override
    public void saveState(Path directory) throws IOException {
        ArrayFiles.writeInts(directory.resolve(SHAPE), new int[] {w.hidden(), w.latent(), w.layers()});
        ArrayFiles.writeFloats(directory.resolve(FILE), DenseLayers.concatenate(w.all()));
    }
}

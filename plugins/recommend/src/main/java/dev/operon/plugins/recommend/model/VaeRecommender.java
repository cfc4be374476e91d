package dev.operon.plugins.recommend.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Mult-VAE (Liang et al., WWW 2018) at serving time: the user's history as a bag of items, L2-normalised, through
 * the encoder {@code tanh(x W1 + b1)} to the latent mean {@code mu = h Wmu + bmu}, then the decoder
 * {@code tanh(mu Wd + bd) Wo + bo}: one logit per item (the multinomial's softmax keeps their order). No sampling and
 * no dropout: serving uses the mean. Knows no user, only histories, so an unknown user is scored the same way.
 * Plain Java over the weights DJL trained.
 */
public final class VaeRecommender extends BaseRecommender {

    static final String FILE = "vae-weights.bin";
    static final String SHAPE = "vae-shape.bin";
    private final int n;
    private final int hidden;
    private final int latent;
    private final float[] encoder;
    private final float[] encoderBias;
    private final float[] mean;
    private final float[] meanBias;
    private final float[] decoder;
    private final float[] decoderBias;
    private final float[] output;
    private final float[] outputBias;

    /** The weights, row-major {@code in x out}, as {@link VaeWeights} holds them. */
    public VaeRecommender(IdIndex users, IdIndex items, VaeWeights w) {
        this(ModelKind.MULT_VAE, users, items, w);
    }

    /**
     * The same network trained as another kind: {@link ModelKind#MULT_DAE} (no sampling, no KL term) serves
     * exactly as Mult-VAE does through its latent mean.
     */
    public VaeRecommender(ModelKind kind, IdIndex users, IdIndex items, VaeWeights w) {
        super(kind, users, items);
        this.n = items.size();
        this.hidden = w.hidden();
        this.latent = w.latent();
        if (w.encoder().length != n * hidden || w.output().length != hidden * n
                || w.mean().length != hidden * latent || w.decoder().length != latent * hidden) {
            throw new IllegalArgumentException("Mult-VAE weights do not match items x hidden x latent");
        }
        this.encoder = w.encoder();
        this.encoderBias = w.encoderBias();
        this.mean = w.mean();
        this.meanBias = w.meanBias();
        this.decoder = w.decoder();
        this.decoderBias = w.decoderBias();
        this.output = w.output();
        this.outputBias = w.outputBias();
    }

    /** The trained weights of a Mult-VAE: matrices row-major {@code in x out}. */
    public record VaeWeights(int hidden, int latent, float[] encoder, float[] encoderBias, float[] mean,
                             float[] meanBias, float[] decoder, float[] decoderBias, float[] output,
                             float[] outputBias) {
        float[][] all() {
            return new float[][] {encoder, encoderBias, mean, meanBias, decoder, decoderBias, output, outputBias};
        }
    }

    static VaeRecommender load(ModelKind kind, IdIndex users, IdIndex items, Path directory)
            throws IOException {
        int[] shape = ArrayFiles.readInts(directory.resolve(SHAPE));
        float[] all = ArrayFiles.readFloats(directory.resolve(FILE));
        int n = items.size();
        int h = shape[0];
        int d = shape[1];
        float[][] parts = DenseLayers.split(all, new int[] {n * h, h, h * d, d, d * h, h, h * n, n},
                "Mult-VAE weights in " + directory);
        return new VaeRecommender(kind, users, items, new VaeWeights(h, d, parts[0], parts[1], parts[2], parts[3],
                parts[4], parts[5], parts[6], parts[7]));
    }

    @Override
    public void score(int user, int[] history, float[] out) {
        float[] h = DenseLayers.firstLayer(history, n, encoder, encoderBias, hidden);
        DenseLayers.tanh(h);
        float[] z = DenseLayers.layer(h, mean, meanBias, latent);
        float[] d = DenseLayers.layer(z, decoder, decoderBias, hidden);
        DenseLayers.tanh(d);
        System.arraycopy(outputBias, 0, out, 0, n);
        for (int k = 0; k < hidden; k++) {
            float dk = d[k];
            int row = k * n;
            for (int j = 0; j < n; j++) {
                out[j] += dk * output[row + j];
            }
        }
    }

    @Override
    public void saveState(Path directory) throws IOException {
        ArrayFiles.writeInts(directory.resolve(SHAPE), new int[] {hidden, latent});
        VaeWeights w = new VaeWeights(hidden, latent, encoder, encoderBias, mean, meanBias, decoder, decoderBias,
                output, outputBias);
        float[] all = DenseLayers.concatenate(w.all());
        ArrayFiles.writeFloats(directory.resolve(FILE), all);
    }
}

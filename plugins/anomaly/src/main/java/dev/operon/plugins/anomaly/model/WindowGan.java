package dev.operon.plugins.anomaly.model;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.List;

/**
 * A window GAN in the style of TadGAN (Geiger et al., 2020), reduced to what an online detector of one series can
 * train in a second or two: an encoder-generator maps an encoded window of {@link WindowEncoding#WIDTH} values
 * through a small latent code back to a window (reconstruction), and a critic judges whether a window looks like
 * the series' real ones. A window is suspicious when it reconstructs badly or when the critic finds it unreal; the
 * detector ({@code GanDetector}) turns both into tail probabilities against their own history.
 */
public final class WindowGan {

    /** Size of the latent code. */
    public static final int LATENT = 4;
    /** Hidden units of every network. */
    public static final int HIDDEN = 16;

    private static final boolean[] GENERATOR_RELU = {true, false, true, false};
    private static final boolean[] CRITIC_RELU = {true, false};

    private final DenseStack generator;
    private final DenseStack critic;

    WindowGan(List<float[]> generatorWeights, List<float[]> criticWeights) {
        this.generator = new DenseStack(generatorWeights, GENERATOR_RELU);
        this.critic = new DenseStack(criticWeights, CRITIC_RELU);
    }

    /** The encoder-generator: window, latent code, reconstructed window. */
    static Block generatorBlock() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(HIDDEN).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(LATENT).build())
                .add(Linear.builder().setUnits(HIDDEN).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(WindowEncoding.WIDTH).build());
    }

    /** The critic: window to one logit, high for windows that look real. */
    static Block criticBlock() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(HIDDEN).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(1).build());
    }

    /** The reconstruction of an encoded window. */
    public float[] reconstruct(float[] encodedWindow) {
        return generator.forward(encodedWindow);
    }

    /** The critic's logit for an encoded window: higher means more like the training windows. */
    public float realness(float[] encodedWindow) {
        return critic.forward(encodedWindow)[0];
    }
}

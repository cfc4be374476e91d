package dev.operon.plugins.anomaly.detect;

import dev.operon.plugins.anomaly.model.WindowEncoding;
import dev.operon.plugins.anomaly.model.WindowGan;
import dev.operon.plugins.anomaly.model.WindowGanTrainer;

/**
 * The GAN member, in the style of TadGAN: once {@code trainAfter} points have been observed, a {@link WindowGan} is
 * trained on their windows (this series only); from then on the window ending at each point is encoded, and both its
 * reconstruction error and the critic's doubt (the negated realness) are compared with their own history (upper
 * tails only: a window that reconstructs unusually well is not anomalous). The rarer of the two counts, doubled.
 * Points before the training score 0; a series that cannot be trained (too few or constant values) keeps scoring 0.
 */
final class GanDetector implements SeriesDetector {

    private static final int WIDTH = WindowEncoding.WIDTH;

    private final int trainAfter;
    private final double[] observed;
    private final double[] window = new double[WIDTH];
    private final double[] ordered = new double[WIDTH];
    private final float[] encoded = new float[WIDTH];
    private final EmpiricalTail reconstructionTail;
    private final EmpiricalTail doubtTail;
    private int count;
    private WindowGan gan;
    private boolean trainingFailed;

    GanDetector(int trainAfter, int historyCapacity, int warmup) {
        this.trainAfter = trainAfter;
        this.observed = new double[trainAfter];
        this.reconstructionTail = new EmpiricalTail(historyCapacity, warmup);
        this.doubtTail = new EmpiricalTail(historyCapacity, warmup);
    }

    @Override
    public double score(long timestampMillis, double value) {
        if (Double.isNaN(value)) {
            return 0.0;
        }
        window[count % WIDTH] = value;
        if (count < trainAfter) {
            observed[count] = value;
        }
        count++;
        double tail = 1.0;
        if (gan != null) {
            for (int i = 0; i < WIDTH; i++) {
                ordered[i] = window[(count + i) % WIDTH];
            }
            WindowEncoding.encode(ordered, 0, encoded, 0);
            float[] reconstructed = gan.reconstruct(encoded);
            double error = 0;
            for (int i = 0; i < WIDTH; i++) {
                error += Math.abs(encoded[i] - reconstructed[i]);
            }
            double reconstruction = reconstructionTail.update(error / WIDTH);
            double doubt = doubtTail.update(-gan.realness(encoded));
            tail = Math.min(1.0, 2.0 * Math.min(reconstruction, doubt));
        }
        if (count == trainAfter && !trainingFailed) {
            try {
                gan = WindowGanTrainer.train(observed, WindowGanTrainer.Settings.DEFAULTS);
            } catch (RuntimeException e) {
                trainingFailed = true; // e.g. a constant start: nothing to learn
            }
        }
        return Likelihoods.fromTail(tail);
    }
}

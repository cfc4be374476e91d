package dev.operon.plugins.anomaly.detect;

import dev.operon.plugins.anomaly.model.ForecasterTrainer;
import dev.operon.plugins.anomaly.model.TrainedForecaster;
import dev.operon.plugins.anomaly.model.WindowEncoding;

/**
 * The learned member: once {@code trainAfter} points have been observed, a DJL forecaster is trained on them (in
 * this series only, a few seconds at most), and from then on each point's forecast error, in units of its window's
 * spread, is compared with the history of such errors in both directions. Points before the training score 0.
 */
final class ForecastDetector implements SeriesDetector {

    private final int trainAfter;
    private final double[] observed;
    private final double[] window = new double[WindowEncoding.WIDTH];
    private final EmpiricalTail high;
    private final EmpiricalTail low;
    private int count;
    private TrainedForecaster forecaster;
    private boolean trainingFailed;

    ForecastDetector(int trainAfter, int residualCapacity, int warmup) {
        this.trainAfter = trainAfter;
        this.observed = new double[trainAfter];
        this.high = new EmpiricalTail(residualCapacity, warmup);
        this.low = new EmpiricalTail(residualCapacity, warmup);
    }

    @Override
    public double score(long timestampMillis, double value) {
        if (Double.isNaN(value)) {
            return 0.0;
        }
        double tail = 1.0;
        if (forecaster != null) {
            int width = WindowEncoding.WIDTH;
            double[] ordered = new double[width];
            for (int i = 0; i < width; i++) {
                ordered[i] = window[(count + i) % width];
            }
            WindowEncoding.Frame frame = WindowEncoding.frame(ordered, 0);
            double error = frame.encode(value) - frame.encode(forecaster.forecast(ordered, 0));
            tail = Math.min(1.0, 2.0 * Math.min(high.update(error), low.update(-error)));
        }
        window[count % WindowEncoding.WIDTH] = value;
        if (count < trainAfter) {
            observed[count] = value;
        }
        count++;
        if (count == trainAfter && !trainingFailed) {
            try {
                forecaster = ForecasterTrainer.train(observed, ForecasterTrainer.Settings.REPRODUCIBLE);
                forecaster.model().close(); // the copied weights are all online scoring needs
            } catch (RuntimeException e) {
                // e.g. a constant start (nothing to learn: all gradients zero); the detector then has no opinion
                trainingFailed = true;
            }
        }
        return Likelihoods.fromTail(tail);
    }
}

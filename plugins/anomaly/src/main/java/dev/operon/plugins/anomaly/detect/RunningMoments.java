package dev.operon.plugins.anomaly.detect;

/** The mean and variance of the last {@code capacity} values, updated in O(1) per value. */
final class RunningMoments {

    private final double[] values;
    private int count;
    private double sum;
    private double sumOfSquares;

    RunningMoments(int capacity) {
        values = new double[capacity];
    }

    void add(double value) {
        int at = count % values.length;
        if (count >= values.length) {
            sum -= values[at];
            sumOfSquares -= values[at] * values[at];
        }
        values[at] = value;
        sum += value;
        sumOfSquares += value * value;
        count++;
    }

    int size() {
        return Math.min(count, values.length);
    }

    double mean() {
        return sum / Math.max(1, size());
    }

    double variance() {
        double mean = mean();
        return Math.max(0.0, sumOfSquares / Math.max(1, size()) - mean * mean);
    }
}

package dev.operon.plugins.anomaly.model;

import java.util.List;

/**
 * A trained stack of dense layers copied out of DJL into plain arrays, evaluated in Java: online scoring of one
 * window costs a few thousand multiply-adds instead of a native call per point.
 */
final class DenseStack {

    private final List<float[]> weights;
    private final int[] units;
    private final boolean[] relu;

    /**
     * @param weights each layer's weight matrix (units x inputs, row-major) followed by its bias
     * @param relu    per layer, whether a ReLU follows it
     */
    DenseStack(List<float[]> weights, boolean[] relu) {
        if (weights.size() != 2 * relu.length) {
            throw new IllegalArgumentException("expected " + relu.length + " layers, got " + weights.size() / 2);
        }
        this.weights = List.copyOf(weights);
        this.relu = relu.clone();
        this.units = new int[relu.length];
        for (int layer = 0; layer < relu.length; layer++) {
            units[layer] = weights.get(2 * layer + 1).length;
        }
    }

    float[] forward(float[] input) {
        float[] activation = input;
        for (int layer = 0; layer < units.length; layer++) {
            float[] w = weights.get(2 * layer);
            float[] b = weights.get(2 * layer + 1);
            int inputs = activation.length;
            float[] next = new float[units[layer]];
            for (int j = 0; j < next.length; j++) {
                float sum = b[j];
                int row = j * inputs;
                for (int i = 0; i < inputs; i++) {
                    sum += w[row + i] * activation[i];
                }
                next[j] = relu[layer] ? Math.max(0f, sum) : sum;
            }
            activation = next;
        }
        return activation;
    }
}

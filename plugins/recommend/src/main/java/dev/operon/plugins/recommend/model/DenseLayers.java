package dev.operon.plugins.recommend.model;

import java.util.Arrays;

/**
 * The plain-Java layers the autoencoders ({@link VaeRecommender}, {@link RecVaeRecommender}) serve with, over the
 * weights DJL trained: matrices row-major {@code in x out}.
 */
final class DenseLayers {

    private DenseLayers() {
    }

    /**
     * The first layer applied to the history as an L2-normalised 0/1 row: the bias plus the weight rows of the
     * distinct history items, each scaled by {@code 1 / sqrt(distinct items)}.
     */
    static float[] firstLayer(int[] history, int items, float[] weights, float[] bias, int width) {
        float[] out = bias.clone();
        if (history.length == 0) {
            return out;
        }
        float scale = (float) (1 / Math.sqrt(Arrays.stream(history).distinct().count()));
        boolean[] seen = new boolean[items];
        for (int i : history) {
            if (seen[i]) {
                continue;
            }
            seen[i] = true;
            int row = i * width;
            for (int k = 0; k < width; k++) {
                out[k] += weights[row + k] * scale;
            }
        }
        return out;
    }

    /** {@code bias + in . weights} with {@code weights} of {@code in.length x width}. */
    static float[] layer(float[] in, float[] weights, float[] bias, int width) {
        float[] out = bias.clone();
        for (int k = 0; k < in.length; k++) {
            float v = in[k];
            int row = k * width;
            for (int j = 0; j < width; j++) {
                out[j] += v * weights[row + j];
            }
        }
        return out;
    }

    static void tanh(float[] values) {
        for (int k = 0; k < values.length; k++) {
            values[k] = (float) Math.tanh(values[k]);
        }
    }

    /** Swish (SiLU): {@code v * sigmoid(v)}. */
    static void swish(float[] values) {
        for (int k = 0; k < values.length; k++) {
            values[k] = (float) (values[k] / (1 + Math.exp(-values[k])));
        }
    }

    /** Layer normalisation over the whole vector (biased variance), then {@code gamma * v + beta}. */
    static void layerNorm(float[] values, float[] gamma, float[] beta, float epsilon) {
        double mean = 0;
        for (float v : values) {
            mean += v;
        }
        mean /= values.length;
        double variance = 0;
        for (float v : values) {
            variance += (v - mean) * (v - mean);
        }
        variance /= values.length;
        double scale = 1 / Math.sqrt(variance + epsilon);
        for (int k = 0; k < values.length; k++) {
            values[k] = (float) ((values[k] - mean) * scale * gamma[k] + beta[k]);
        }
    }

    /** Every part one after the other, as one array (for a single weights file). */
    static float[] concatenate(float[]... parts) {
        int total = 0;
        for (float[] part : parts) {
            total += part.length;
        }
        float[] all = new float[total];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** Cuts what {@link #concatenate} wrote back into parts of the given sizes. */
    static float[][] split(float[] all, int[] sizes, String what) throws java.io.IOException {
        float[][] parts = new float[sizes.length][];
        int at = 0;
        for (int p = 0; p < sizes.length; p++) {
            if (at + sizes[p] > all.length) {
                throw new java.io.IOException(what + " are shorter than their shape says");
            }
            parts[p] = Arrays.copyOfRange(all, at, at + sizes[p]);
            at += sizes[p];
        }
        return parts;
    }
}

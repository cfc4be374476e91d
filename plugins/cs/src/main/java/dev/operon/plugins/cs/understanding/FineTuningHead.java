package dev.operon.plugins.cs.understanding;

import dev.operon.plugins.cs.understanding.minilm.EncoderClassifierBlock;
import dev.operon.plugins.cs.understanding.minilm.OnnxInitializers;
import java.util.List;
import java.util.Map;

/**
 * The linear head encoder fine-tuning trained with the English encoder, applied in plain Java to the English block of
 * message vectors: softmax(scale * vector * weight^T + bias). Rows without an English vector (texts the English
 * encoder did not read) get no head probabilities: null.
 */
final class FineTuningHead {

    private final float[][] weight;
    private final float[] bias;
    private final int offset;

    private FineTuningHead(float[][] weight, float[] bias, int offset) {
        this.weight = weight;
        this.bias = bias;
        this.offset = offset;
    }

    /**
     * The head in {@code weights} ({@code head.weight}, {@code head.bias}, outputs in the order of {@code labels}) over
     * features of {@code layout}, or null when there is none or the layout has no English block.
     */
    static FineTuningHead of(Map<String, OnnxInitializers.Tensor> weights, List<String> labels,
                             List<Language> layout) {
        OnnxInitializers.Tensor w = weights.get("head.weight");
        OnnxInitializers.Tensor b = weights.get("head.bias");
        int english = layout.indexOf(Language.ENGLISH);
        if (w == null || b == null || english < 0 || w.shape()[0] != labels.size()
                || w.shape()[1] != MessageEncoder.ENGLISH_DIMENSIONS) {
            return null;
        }
        int dims = MessageEncoder.ENGLISH_DIMENSIONS;
        float[][] rows = new float[labels.size()][dims];
        for (int c = 0; c < rows.length; c++) {
            System.arraycopy(w.values(), c * dims, rows[c], 0, dims);
        }
        return new FineTuningHead(rows, b.values().clone(),
                MessageEncoder.dimensions(layout.subList(0, english)));
    }

    /** Class probabilities of each feature row, or null for a row whose English block is all zero. */
    float[][] probabilities(float[][] features) {
        float[][] out = new float[features.length][];
        int dims = MessageEncoder.ENGLISH_DIMENSIONS;
        for (int i = 0; i < features.length; i++) {
            float[] f = features[i];
            boolean present = false;
            for (int d = 0; d < dims && !present; d++) {
                present = f[offset + d] != 0;
            }
            if (!present) {
                continue;
            }
            double[] logits = new double[weight.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < weight.length; c++) {
                double sum = 0;
                for (int d = 0; d < dims; d++) {
                    sum += f[offset + d] * weight[c][d];
                }
                logits[c] = sum * EncoderClassifierBlock.SCALE + bias[c];
                max = Math.max(max, logits[c]);
            }
            double total = 0;
            for (int c = 0; c < logits.length; c++) {
                logits[c] = Math.exp(logits[c] - max);
                total += logits[c];
            }
            out[i] = new float[logits.length];
            for (int c = 0; c < logits.length; c++) {
                out[i][c] = (float) (logits[c] / total);
            }
        }
        return out;
    }

    /**
     * {@code scorer}'s probabilities given the classifier's ({@code classifier}, same rows): rows without head
     * probabilities keep the classifier's.
     */
    float[][] combine(IntentScorer scorer, float[][] classifier, float[][] features) {
        if (scorer == IntentScorer.CLASSIFIER) {
            return classifier;
        }
        float[][] head = probabilities(features);
        float[][] out = new float[classifier.length][];
        for (int i = 0; i < out.length; i++) {
            if (head[i] == null) {
                out[i] = classifier[i];
            } else if (scorer == IntentScorer.HEAD) {
                out[i] = head[i];
            } else {
                out[i] = ScorerChoice.average(new float[][] {classifier[i]}, new float[][] {head[i]})[0];
            }
        }
        return out;
    }
}

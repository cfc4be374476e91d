package dev.operon.plugins.cs.understanding.minilm;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A MiniLM encoder with its classification head, served in DJL's PyTorch engine: sentence vectors (the same kind as
 * the ONNX encoder's) and class probabilities. Thread-safe: nothing is trained, each call works in its own arrays.
 */
public final class FineTunedClassifier implements AutoCloseable {

    private static final int BATCH = 32;

    private final Model model;
    private final EncoderClassifierBlock block;
    private final MiniLmTokens tokens;
    private final List<String> classes;

    /**
     * Serves {@code weights} (the encoder's, and the head's if any: without them only {@link #encode} is meaningful).
     * The tokens object stays the caller's.
     */
    public FineTunedClassifier(MiniLmTokens tokens, Map<String, OnnxInitializers.Tensor> weights,
                               List<String> classes) {
        this.tokens = tokens;
        this.classes = List.copyOf(classes);
        this.model = Model.newInstance("cs-encoder", Device.cpu(), "PyTorch");
        this.block = new EncoderClassifierBlock(Math.max(1, classes.size()));
        block.setWeights(weights, model.getNDManager(), 0L);
        model.setBlock(block);
    }

    /** The labels of the head's outputs. */
    public List<String> classes() {
        return classes;
    }

    /** One L2-normalised sentence vector per text, in order. */
    public float[][] encode(List<String> texts) {
        return run(texts, false);
    }

    /** Class probabilities of each text, in order (columns as {@link #classes()}). */
    public float[][] probabilities(List<String> texts) {
        return run(texts, true);
    }

    private float[][] run(List<String> texts, boolean classify) {
        List<long[]> ids = texts.stream().map(tokens::ids).toList();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            order.add(i);
        }
        // texts of similar length together: less padding
        order.sort(Comparator.comparingInt(i -> ids.get(i).length));
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < order.size(); from += BATCH) {
            List<Integer> part = order.subList(from, Math.min(order.size(), from + BATCH));
            try (NDManager manager = model.getNDManager().newSubManager()) {
                NDList input = tokens.batch(part.stream().map(ids::get).toList(), manager);
                ParameterStore store = new ParameterStore(manager, false);
                NDArray result = classify
                        ? block.forward(store, input, false).singletonOrThrow().softmax(1)
                        : block.encoder().forward(store, input, false).singletonOrThrow();
                int width = (int) result.getShape().get(1);
                float[] flat = result.toFloatArray();
                for (int k = 0; k < part.size(); k++) {
                    float[] row = new float[width];
                    System.arraycopy(flat, k * width, row, 0, width);
                    out[part.get(k)] = row;
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}

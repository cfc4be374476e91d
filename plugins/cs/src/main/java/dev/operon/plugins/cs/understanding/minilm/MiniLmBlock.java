package dev.operon.plugins.cs.understanding.minilm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The all-MiniLM-L6-v2 sentence encoder as a trainable DJL block: BERT with 6 layers, hidden size 384, 12 attention
 * heads, feed-forward size 1536, exact (erf) GELU, LayerNorm epsilon 1e-12, then mean pooling over the real tokens
 * and L2 normalisation, as sentence-transformers computes it. Inputs: token ids, attention mask and token type ids
 * (each {@code (batch, length)}, int64); output: the sentence vectors {@code (batch, 384)}.
 *
 * <p>Parameters carry the Hugging Face names ({@code encoder.layer.3.output.dense.weight}) and layouts (a dense
 * weight is {@code [out, in]}); they have no initializer of their own: {@link #setWeights} must fill every one
 * before use (from the ONNX file or a fine-tuned copy).
 */
public final class MiniLmBlock extends AbstractBlock {

    /** Size of the sentence vectors and of the hidden states. */
    public static final int HIDDEN = 384;
    static final int LAYERS = 6;
    static final int HEADS = 12;
    static final int INTERMEDIATE = 1536;
    static final int VOCABULARY = 30522;
    static final int MAX_POSITIONS = 512;
    private static final float EPSILON = 1e-12f;
    private static final float HIDDEN_DROPOUT = 0.1f;
    /** Added to the attention scores of padding tokens. */
    private static final float MASKED = -1e4f;

    private final Map<String, Parameter> byName = new LinkedHashMap<>();

    /** An encoder whose weights are still to be set; every weight trainable. */
    public MiniLmBlock() {
        this(true);
    }

    /**
     * An encoder whose weights are still to be set.
     *
     * @param trainWordEmbeddings false keeps the word-embedding table (30,522 x 384, half of all the weights) fixed:
     *                            about half the optimiser's work per step, and rare tokens' vectors are not pulled
     *                            around by a small training set
     */
    public MiniLmBlock(boolean trainWordEmbeddings) {
        for (String name : parameterNames()) {
            Parameter p = Parameter.builder()
                    .setName(name)
                    .setType(name.endsWith(".bias") ? Parameter.Type.BIAS : Parameter.Type.WEIGHT)
                    .optRequiresGrad(trainWordEmbeddings || !name.equals("embeddings.word_embeddings.weight"))
                    .build();
            byName.put(name, addParameter(p));
        }
    }

    /** Every parameter's name, in a fixed order. */
    public static List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        names.add("embeddings.word_embeddings.weight");
        names.add("embeddings.position_embeddings.weight");
        names.add("embeddings.token_type_embeddings.weight");
        names.add("embeddings.LayerNorm.weight");
        names.add("embeddings.LayerNorm.bias");
        for (int l = 0; l < LAYERS; l++) {
            String p = "encoder.layer." + l + ".";
            for (String dense : List.of("attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense", "intermediate.dense", "output.dense")) {
                names.add(p + dense + ".weight");
                names.add(p + dense + ".bias");
            }
            for (String norm : List.of("attention.output.LayerNorm", "output.LayerNorm")) {
                names.add(p + norm + ".weight");
                names.add(p + norm + ".bias");
            }
        }
        return names;
    }

    /** The expected shape of a parameter. */
    static Shape expectedShape(String name) {
        if (name.equals("embeddings.word_embeddings.weight")) {
            return new Shape(VOCABULARY, HIDDEN);
        }
        if (name.equals("embeddings.position_embeddings.weight")) {
            return new Shape(MAX_POSITIONS, HIDDEN);
        }
        if (name.equals("embeddings.token_type_embeddings.weight")) {
            return new Shape(2, HIDDEN);
        }
        boolean bias = name.endsWith(".bias");
        if (name.contains("intermediate.dense")) {
            return bias ? new Shape(INTERMEDIATE) : new Shape(INTERMEDIATE, HIDDEN);
        }
        if (name.contains(".output.dense") && !name.contains("attention")) {
            return bias ? new Shape(HIDDEN) : new Shape(HIDDEN, INTERMEDIATE);
        }
        if (name.contains("LayerNorm") || bias) {
            return new Shape(HIDDEN);
        }
        return new Shape(HIDDEN, HIDDEN);
    }

    /**
     * Sets every parameter from {@code weights} (by name), creating the arrays in {@code manager}; a missing weight
     * or one of another shape is refused. Only once per block: a block whose weights change is a new block.
     */
    public void setWeights(Map<String, OnnxInitializers.Tensor> weights, NDManager manager) {
        for (Map.Entry<String, Parameter> e : byName.entrySet()) {
            OnnxInitializers.Tensor t = weights.get(e.getKey());
            if (t == null) {
                throw new IllegalArgumentException("the weights lack " + e.getKey());
            }
            Shape shape = new Shape(t.shape());
            if (!shape.equals(expectedShape(e.getKey()))) {
                throw new IllegalArgumentException(e.getKey() + " has the shape " + shape + ", "
                        + expectedShape(e.getKey()) + " expected");
            }
            NDArray array = manager.create(t.values(), shape);
            Parameter parameter = e.getValue();
            if (parameter.isInitialized()) {
                throw new IllegalStateException("the weights of this encoder are already set");
            }
            parameter.setArray(array);
        }
    }

    /** A copy of every parameter's values, by name (to keep the best weights seen, or to store them). */
    public Map<String, OnnxInitializers.Tensor> weights() {
        Map<String, OnnxInitializers.Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : byName.entrySet()) {
            NDArray a = e.getValue().getArray();
            out.put(e.getKey(), new OnnxInitializers.Tensor(a.getShape().getShape(), a.toFloatArray()));
        }
        return out;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray mask = inputs.get(1);
        NDArray types = inputs.get(2);
        long batch = ids.getShape().get(0);
        long length = ids.getShape().get(1);
        NDManager manager = ids.getManager();
        NDArray positions = manager.arange((int) length).toType(DataType.INT64, false);

        NDArray x = embed(store, ids, "embeddings.word_embeddings.weight", training)
                .add(embed(store, positions, "embeddings.position_embeddings.weight", training))
                .add(embed(store, types, "embeddings.token_type_embeddings.weight", training));
        x = norm(store, x, "embeddings.LayerNorm", training);
        x = dropout(x, training);

        NDArray maskFloat = mask.toType(DataType.FLOAT32, false);
        NDArray attentionBias = maskFloat.sub(1f).mul(-MASKED).reshape(batch, 1, 1, length);
        int headSize = HIDDEN / HEADS;
        float scale = (float) (1.0 / Math.sqrt(headSize));
        for (int l = 0; l < LAYERS; l++) {
            String prefix = "encoder.layer." + l + ".";
            NDArray q = heads(dense(store, x, prefix + "attention.self.query", training), batch, length, headSize);
            NDArray k = heads(dense(store, x, prefix + "attention.self.key", training), batch, length, headSize);
            NDArray v = heads(dense(store, x, prefix + "attention.self.value", training), batch, length, headSize);
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(scale).add(attentionBias);
            NDArray context = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, HIDDEN);
            NDArray attended = dropout(dense(store, context, prefix + "attention.output.dense", training), training);
            x = norm(store, x.add(attended), prefix + "attention.output.LayerNorm", training);
            NDArray inner = Activation.gelu(dense(store, x, prefix + "intermediate.dense", training));
            NDArray out = dropout(dense(store, inner, prefix + "output.dense", training), training);
            x = norm(store, x.add(out), prefix + "output.LayerNorm", training);
        }

        NDArray tokenWeights = maskFloat.expandDims(2);
        NDArray mean = x.mul(tokenWeights).sum(new int[] {1}).div(tokenWeights.sum(new int[] {1}).maximum(1e-9f));
        NDArray length2 = mean.norm(new int[] {1}, true).maximum(1e-12f);
        return new NDList(mean.div(length2));
    }

    private NDArray embed(ParameterStore store, NDArray ids, String table, boolean training) {
        return Embedding.embedding(ids, p(store, ids, table, training), SparseFormat.DENSE).singletonOrThrow();
    }

    private static NDArray heads(NDArray x, long batch, long length, int headSize) {
        return x.reshape(batch, length, HEADS, headSize).transpose(0, 2, 1, 3);
    }

    private NDArray dense(ParameterStore store, NDArray x, String layer, boolean training) {
        return Linear.linear(x, p(store, x, layer + ".weight", training), p(store, x, layer + ".bias", training))
                .singletonOrThrow();
    }

    private NDArray norm(ParameterStore store, NDArray x, String layer, boolean training) {
        return LayerNorm.layerNorm(x, new Shape(HIDDEN), p(store, x, layer + ".weight", training),
                p(store, x, layer + ".bias", training), EPSILON).singletonOrThrow();
    }

    private static NDArray dropout(NDArray x, boolean training) {
        return training ? Dropout.dropout(x, HIDDEN_DROPOUT, true).singletonOrThrow() : x;
    }

    private NDArray p(ParameterStore store, NDArray on, String name, boolean training) {
        return store.getValue(byName.get(name), on.getDevice(), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), HIDDEN)};
    }
}

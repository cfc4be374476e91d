package dev.operon.plugins.cs.understanding.minilm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The MiniLM encoder with a linear classification head over its (L2-normalised) sentence vectors, trained end to
 * end. The vectors are multiplied by {@link #SCALE} first so that the head starts from inputs of unit variance per
 * value, as with any freshly initialised layer. Output: one logit per class.
 */
public final class EncoderClassifierBlock extends AbstractBlock {

    /** sqrt(384): a unit vector of 384 values has values of about 1/sqrt(384). */
    public static final float SCALE = (float) Math.sqrt(MiniLmBlock.HIDDEN);
    private static final float HEAD_DROPOUT = 0.1f;

    private final MiniLmBlock encoder;
    private final Parameter weight;
    private final Parameter bias;
    private final int classes;

    /** A classifier over {@code classes} labels, weights still to be set, every weight trainable. */
    public EncoderClassifierBlock(int classes) {
        this(classes, true);
    }

    /** A classifier over {@code classes} labels, weights unset; see {@link MiniLmBlock#MiniLmBlock(boolean)}. */
    public EncoderClassifierBlock(int classes, boolean trainWordEmbeddings) {
        this.classes = classes;
        this.encoder = addChildBlock("encoder", new MiniLmBlock(trainWordEmbeddings));
        this.weight = addParameter(Parameter.builder().setName("head.weight").setType(Parameter.Type.WEIGHT).build());
        this.bias = addParameter(Parameter.builder().setName("head.bias").setType(Parameter.Type.BIAS).build());
    }

    /** The encoder part. */
    public MiniLmBlock encoder() {
        return encoder;
    }

    /**
     * Sets the encoder's weights and the head's ({@code head.weight}, {@code head.bias}); without head weights a new
     * head is drawn (normal, standard deviation 0.02, zero bias: BERT's initialisation) from {@code seed}.
     */
    public void setWeights(Map<String, OnnxInitializers.Tensor> weights, NDManager manager, long seed) {
        encoder.setWeights(weights, manager);
        OnnxInitializers.Tensor w = weights.get("head.weight");
        OnnxInitializers.Tensor b = weights.get("head.bias");
        if (w == null || b == null) {
            Random random = new Random(seed);
            float[] values = new float[classes * MiniLmBlock.HIDDEN];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextGaussian() * 0.02);
            }
            w = new OnnxInitializers.Tensor(new long[] {classes, MiniLmBlock.HIDDEN}, values);
            b = new OnnxInitializers.Tensor(new long[] {classes}, new float[classes]);
        }
        if (w.shape()[0] != classes || w.shape()[1] != MiniLmBlock.HIDDEN || b.shape()[0] != classes) {
            throw new IllegalArgumentException("the head's weights do not fit " + classes + " classes");
        }
        weight.setArray(manager.create(w.values(), new Shape(w.shape())));
        bias.setArray(manager.create(b.values(), new Shape(b.shape())));
    }

    /** A copy of every weight, encoder's and head's, by name. */
    public Map<String, OnnxInitializers.Tensor> weights() {
        Map<String, OnnxInitializers.Tensor> out = new LinkedHashMap<>(encoder.weights());
        out.put("head.weight", new OnnxInitializers.Tensor(weight.getArray().getShape().getShape(),
                weight.getArray().toFloatArray()));
        out.put("head.bias", new OnnxInitializers.Tensor(bias.getArray().getShape().getShape(),
                bias.getArray().toFloatArray()));
        return out;
    }

    /** True for the head's parameters (they learn faster than the pretrained encoder's). */
    public boolean isHead(String parameterId) {
        return parameterId.equals(weight.getId()) || parameterId.equals(bias.getId());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray vectors = encoder.forward(store, inputs, training, params).singletonOrThrow().mul(SCALE);
        if (training) {
            vectors = Dropout.dropout(vectors, HEAD_DROPOUT, true).singletonOrThrow();
        }
        return Linear.linear(vectors, store.getValue(weight, vectors.getDevice(), training),
                store.getValue(bias, vectors.getDevice(), training));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
    }
}

package dev.operon.plugins.recommend.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.transformer.PointwiseFeedForwardBlock;
import ai.djl.nn.transformer.ScaledDotProductAttentionBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The SASRec-style network, from DJL blocks: item embeddings (row 0 is padding) scaled by sqrt(d) plus learned
 * positional embeddings, then {@code layers} pre-norm Transformer layers (layer norm, multi-head self-attention
 * under a causal mask that also hides padding, residual; layer norm, two-layer feed-forward with GELU, residual;
 * dropout after each), and a final layer norm. Input: item ids {@code (B, L)} (int64, 0 = padding, oldest first,
 * right-aligned) and the mask {@code (B, L, L)}; output: one state per position {@code (B, L, d)} and the item
 * embeddings without the padding row {@code (items, d)}. The score of item i after position t is
 * {@code state_t . itemEmbedding_i}.
 */
public final class SequenceNetwork extends AbstractBlock {

    private final int items;
    private final int dimension;
    private final int length;
    private final int layers;
    private final int heads;
    private final Parameter itemTable;
    private final Parameter positionTable;
    private final List<LayerNorm> attentionNorms = new ArrayList<>();
    private final List<ScaledDotProductAttentionBlock> attentions = new ArrayList<>();
    private final List<LayerNorm> feedForwardNorms = new ArrayList<>();
    private final List<PointwiseFeedForwardBlock> feedForwards = new ArrayList<>();
    private final LayerNorm outputNorm;
    private final Dropout dropout;

    /**
     * @param items     item count (the table has one more row, for padding)
     * @param dimension state size d, divisible by {@code heads}
     * @param length    positions L
     */
    public SequenceNetwork(int items, int dimension, int length, int layers, int heads, float dropoutRate) {
        this.items = items;
        this.dimension = dimension;
        this.length = length;
        this.layers = layers;
        this.heads = heads;
        itemTable = addParameter(Parameter.builder().setName("items").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(items + 1, dimension)).build());
        positionTable = addParameter(Parameter.builder().setName("positions").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(length, dimension)).build());
        for (int l = 0; l < layers; l++) {
            attentionNorms.add(addChildBlock("attentionNorm" + l, LayerNorm.builder().build()));
            attentions.add(addChildBlock("attention" + l, ScaledDotProductAttentionBlock.builder()
                    .setEmbeddingSize(dimension).setHeadCount(heads).optAttentionProbsDropoutProb(dropoutRate)
                    .build()));
            feedForwardNorms.add(addChildBlock("feedForwardNorm" + l, LayerNorm.builder().build()));
            feedForwards.add(addChildBlock("feedForward" + l, new PointwiseFeedForwardBlock(List.of(dimension),
                    dimension, Activation::gelu)));
        }
        outputNorm = addChildBlock("outputNorm", LayerNorm.builder().build());
        dropout = addChildBlock("dropout", Dropout.builder().optRate(dropoutRate).build());
    }

    public int length() {
        return length;
    }

    public int dimension() {
        return dimension;
    }

    public int layers() {
        return layers;
    }

    public int heads() {
        return heads;
    }

    public int items() {
        return items;
    }

    /** The item embedding table, {@code (items + 1, d)}, row 0 padding. */
    public Parameter itemTable() {
        return itemTable;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray mask = inputs.get(1);
        long batch = ids.getShape().get(0);
        NDArray table = store.getValue(itemTable, ids.getDevice(), training);
        NDArray positions = store.getValue(positionTable, ids.getDevice(), training);
        NDArray present = ids.gt(0).toType(DataType.FLOAT32, false).reshape(batch * length, 1);
        NDArray x = table.get(ids.reshape(batch * length)).mul((float) Math.sqrt(dimension))
                .reshape(batch, length, dimension).add(positions.reshape(1, length, dimension))
                .reshape(batch * length, dimension);
        x = dropout.forward(store, new NDList(x), training).head().mul(present);
        for (int l = 0; l < layers; l++) {
            NDArray normed = attentionNorms.get(l).forward(store, new NDList(x), training).head();
            NDArray attended = attentions.get(l).forward(store,
                    new NDList(normed.reshape(batch, length, dimension), mask), training).head()
                    .reshape(batch * length, dimension);
            x = x.add(dropout.forward(store, new NDList(attended), training).head());
            NDArray normed2 = feedForwardNorms.get(l).forward(store, new NDList(x), training).head();
            NDArray fed = feedForwards.get(l).forward(store, new NDList(normed2), training).head();
            x = x.add(dropout.forward(store, new NDList(fed), training).head()).mul(present);
        }
        x = outputNorm.forward(store, new NDList(x), training).head();
        return new NDList(x.reshape(batch, length, dimension), table.get("1:"));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), length, dimension), new Shape(items, dimension)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape flat = new Shape(1, dimension);
        for (int l = 0; l < layers; l++) {
            attentionNorms.get(l).initialize(manager, dataType, flat);
            attentions.get(l).initialize(manager, dataType, new Shape(1, length, dimension),
                    new Shape(1, length, length));
            feedForwardNorms.get(l).initialize(manager, dataType, flat);
            feedForwards.get(l).initialize(manager, dataType, flat);
        }
        outputNorm.initialize(manager, dataType, flat);
        dropout.initialize(manager, dataType, flat);
    }

    /**
     * Builds the two inputs for sequences of item indexes (model indexes, oldest first): the last L items of each,
     * right-aligned, as ids (index + 1) and the causal mask that also hides padding (a position always sees itself).
     */
    public NDList inputs(NDManager manager, List<int[]> sequences) {
        int batch = sequences.size();
        long[] ids = new long[batch * length];
        float[] mask = new float[batch * length * length];
        for (int b = 0; b < batch; b++) {
            int[] sequence = sequences.get(b);
            int take = Math.min(length, sequence.length);
            int offset = length - take;
            for (int k = 0; k < take; k++) {
                ids[b * length + offset + k] = sequence[sequence.length - take + k] + 1L;
            }
            for (int t = 0; t < length; t++) {
                int row = (b * length + t) * length;
                for (int f = 0; f <= t; f++) {
                    if (f >= offset || f == t) {
                        mask[row + f] = 1f;
                    }
                }
            }
        }
        return new NDList(manager.create(ids, new Shape(batch, length)),
                manager.create(mask, new Shape(batch, length, length)));
    }
}

package dev.operon.plugins.recommend.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The BPR network: user and item embedding tables; given (users, positive items, negative items) it returns the
 * score differences {@code u . (i - j)} and the squared norm of the rows used (for L2).
 */
final class FactorBlock extends AbstractBlock {

    private final Parameter userTable;
    private final Parameter itemTable;

    FactorBlock(int users, int items, int dimension) {
        userTable = addParameter(Parameter.builder().setName("users").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(users, dimension)).build());
        itemTable = addParameter(Parameter.builder().setName("items").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(items, dimension)).build());
    }

    Parameter users() {
        return userTable;
    }

    Parameter items() {
        return itemTable;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray userRows = store.getValue(userTable, inputs.head().getDevice(), training).get(inputs.get(0));
        NDArray items = store.getValue(itemTable, inputs.head().getDevice(), training);
        NDArray positive = items.get(inputs.get(1));
        NDArray negative = items.get(inputs.get(2));
        NDArray difference = userRows.mul(positive.sub(negative)).sum(new int[] {1});
        NDArray norms = userRows.square().sum().add(positive.square().sum()).add(negative.square().sum());
        return new NDList(difference, norms);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0)), new Shape()};
    }

    @Override
    protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType,
                                         Shape... inputShapes) {
        // no children: the two tables are this block's own parameters
    }
}

package dev.operon.examples.imageclassifier;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/**
 * The network: two convolution stages (3x3 convolution, batch norm, ReLU, 2x2 max pooling; 16 then 32 filters),
 * then a 64-unit dense layer with ReLU and one output per class. Training and loading build it with this same
 * method, so saved parameters always fit.
 */
final class CnnBlock {

    private CnnBlock() {
    }

    static Block build(int classes) {
        return new SequentialBlock()
                .addAll(convolution(16))
                .addAll(convolution(32))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(64).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(classes).build());
    }

    private static Block[] convolution(int filters) {
        return new Block[] {
            Conv2d.builder().setFilters(filters).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build(),
            BatchNorm.builder().build(),
            Activation.reluBlock(),
            Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2))
        };
    }
}

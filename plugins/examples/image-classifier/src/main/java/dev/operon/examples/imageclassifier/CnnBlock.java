package dev.operon.examples.imageclassifier;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/**
 * The network: three convolution stages (3x3 convolution, batch norm, ReLU, 2x2 max pooling; 16, 32, 64 filters),
 * a global max pooling (each filter's strongest answer anywhere in the image, so a shape is recognised wherever it
 * is), then a 64-unit dense layer with ReLU and one output per class. Training and loading build it with this same
 * method, so saved parameters always fit; it works for any input size from 8 pixels up.
 */
final class CnnBlock {

    private CnnBlock() {
    }

    static Block build(int classes) {
        return new SequentialBlock()
                .addAll(convolution(16))
                .addAll(convolution(32))
                .addAll(convolution(64))
                .add(Pool.globalMaxPool2dBlock())
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

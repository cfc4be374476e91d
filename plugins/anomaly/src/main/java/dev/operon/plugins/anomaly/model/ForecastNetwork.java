package dev.operon.plugins.anomaly.model;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/** The forecaster: a small multilayer perceptron from an encoded window to the encoded next value. */
public final class ForecastNetwork {

    /** Hidden units. */
    public static final int HIDDEN = 32;

    private ForecastNetwork() {
    }

    public static Block create() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(HIDDEN).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(HIDDEN).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(1).build());
    }
}

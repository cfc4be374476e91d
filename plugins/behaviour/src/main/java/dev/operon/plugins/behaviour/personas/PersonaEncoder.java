package dev.operon.plugins.behaviour.personas;

import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/** The blocks of the persona autoencoder: the encoder (input to embedding) is what a version serves. */
final class PersonaEncoder {

    static final int HIDDEN = 32;

    private PersonaEncoder() {
    }

    static SequentialBlock encoder(int embedding) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(HIDDEN).build())
                .add(Activation::tanh)
                .add(Linear.builder().setUnits(embedding).build());
    }

    static SequentialBlock decoder(int inputs) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(HIDDEN).build())
                .add(Activation::tanh)
                .add(Linear.builder().setUnits(inputs).build());
    }
}

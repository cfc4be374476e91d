package dev.operon.plugins.recommend.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The Mult-VAE network (Liang et al. 2018): input rows L2-normalised, dropout, encoder {@code tanh(x W1 + b1)}, the
 * latent mean and log-variance, a sample {@code mu + eps * exp(logvar / 2)} while training (the mean otherwise),
 * decoder {@code tanh(z Wd + bd) Wo + bo}. Given (rows, eps) it returns the item logits, the mean and the
 * log-variance. Matrices are {@code in x out}, as {@link dev.operon.plugins.recommend.model.VaeRecommender} reads.
 */
final class VaeBlock extends AbstractBlock {

    private final Parameter encoder;
    private final Parameter encoderBias;
    private final Parameter mean;
    private final Parameter meanBias;
    private final Parameter logVariance;
    private final Parameter logVarianceBias;
    private final Parameter decoder;
    private final Parameter decoderBias;
    private final Parameter output;
    private final Parameter outputBias;
    private final float dropout;

    VaeBlock(int items, int hidden, int latent, float dropout) {
        this.dropout = dropout;
        encoder = weight("encoder", items, hidden);
        encoderBias = bias("encoder-bias", hidden);
        mean = weight("mean", hidden, latent);
        meanBias = bias("mean-bias", latent);
        logVariance = weight("log-variance", hidden, latent);
        logVarianceBias = bias("log-variance-bias", latent);
        decoder = weight("decoder", latent, hidden);
        decoderBias = bias("decoder-bias", hidden);
        output = weight("output", hidden, items);
        outputBias = bias("output-bias", items);
    }

    private Parameter weight(String name, int in, int out) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(in, out)).build());
    }

    private Parameter bias(String name, int size) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.BIAS)
                .optShape(new Shape(size)).build());
    }

    /** The ten parameters in the order the serving model stores them (log-variance left out). */
    Parameter[] servingParameters() {
        return new Parameter[] {encoder, encoderBias, mean, meanBias, decoder, decoderBias, output, outputBias};
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray eps = inputs.get(1);
        // the input is always the receiver, so results belong to the step's manager and not the model's
        NDArray norms = x.square().sum(new int[] {1}, true).sqrt().maximum(1e-8f);
        NDArray h = x.div(norms);
        h = Dropout.dropout(h, dropout, training).head();
        h = h.matMul(value(store, encoder, x, training)).add(value(store, encoderBias, x, training)).tanh();
        NDArray mu = h.matMul(value(store, mean, x, training)).add(value(store, meanBias, x, training));
        NDArray logVar = h.matMul(value(store, logVariance, x, training))
                .add(value(store, logVarianceBias, x, training));
        NDArray z = training ? logVar.mul(0.5f).exp().mul(eps).add(mu) : mu;
        NDArray d = z.matMul(value(store, decoder, x, training)).add(value(store, decoderBias, x, training)).tanh();
        NDArray logits = d.matMul(value(store, output, x, training)).add(value(store, outputBias, x, training));
        return new NDList(logits, mu, logVar);
    }

    private static NDArray value(ParameterStore store, Parameter parameter, NDArray like, boolean training) {
        return store.getValue(parameter, like.getDevice(), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long rows = inputShapes[0].get(0);
        long latent = inputShapes[1].get(1);
        return new Shape[] {inputShapes[0], new Shape(rows, latent), new Shape(rows, latent)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children: the layers are this block's own parameters
    }
}

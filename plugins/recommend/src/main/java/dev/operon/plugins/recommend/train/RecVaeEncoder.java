package dev.operon.plugins.recommend.train;

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
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.operon.plugins.recommend.model.RecVaeRecommender;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * RecVAE's encoder (Shenbin et al. 2020): {@code layers} dense layers of width {@code hidden}, each
 * {@code h_k = LayerNorm(swish(h_{k-1} W_k + b_k + h_1 + ... + h_{k-1}))} (the first without the sum), then the
 * latent mean and log-variance. Its input is the prepared row ({@link #prepare}: L2-normalised, dropout while
 * training the encoder). The same computation runs over a frozen copy of the weights ({@link #freeze}): the previous
 * epoch's posterior in the composite prior. Matrices are {@code in x out}, as
 * {@link RecVaeRecommender} reads them.
 */
final class RecVaeEncoder extends AbstractBlock {

    private final Parameter[] dense;
    private final Parameter[] denseBias;
    private final Parameter[] gamma;
    private final Parameter[] beta;
    private final Parameter mean;
    private final Parameter meanBias;
    private final Parameter logVariance;
    private final Parameter logVarianceBias;
    private final int hidden;
    private final int latent;

    RecVaeEncoder(int items, int hidden, int latent, int layers) {
        if (layers < 1) {
            throw new IllegalArgumentException("RecVAE's encoder needs at least one layer");
        }
        this.hidden = hidden;
        this.latent = latent;
        dense = new Parameter[layers];
        denseBias = new Parameter[layers];
        gamma = new Parameter[layers];
        beta = new Parameter[layers];
        for (int k = 0; k < layers; k++) {
            dense[k] = add("dense-" + k, Parameter.Type.WEIGHT, new Shape(k == 0 ? items : hidden, hidden));
            denseBias[k] = add("dense-bias-" + k, Parameter.Type.BIAS, new Shape(hidden));
            gamma[k] = add("norm-gamma-" + k, Parameter.Type.GAMMA, new Shape(hidden));
            beta[k] = add("norm-beta-" + k, Parameter.Type.BETA, new Shape(hidden));
        }
        mean = add("mean", Parameter.Type.WEIGHT, new Shape(hidden, latent));
        meanBias = add("mean-bias", Parameter.Type.BIAS, new Shape(latent));
        logVariance = add("log-variance", Parameter.Type.WEIGHT, new Shape(hidden, latent));
        logVarianceBias = add("log-variance-bias", Parameter.Type.BIAS, new Shape(latent));
    }

    private Parameter add(String name, Parameter.Type type, Shape shape) {
        return addParameter(Parameter.builder().setName(name).setType(type).optShape(shape).build());
    }

    /** The rows L2-normalised, then dropout at {@code rate} (none when 0); the input is the receiver. */
    static NDArray prepare(NDArray rows, float rate) {
        NDArray norms = rows.square().sum(new int[] {1}, true).sqrt().maximum(1e-8f);
        NDArray normalised = rows.div(norms);
        return rate > 0 ? Dropout.dropout(normalised, rate, true).head() : normalised;
    }

    /** The weights serving needs, in {@link RecVaeRecommender.RecVaeWeights}'s order (log-variance left out). */
    List<Parameter> servingParameters() {
        List<Parameter> list = new ArrayList<>();
        for (int k = 0; k < dense.length; k++) {
            list.addAll(List.of(dense[k], denseBias[k], gamma[k], beta[k]));
        }
        list.add(mean);
        list.add(meanBias);
        return list;
    }

    /**
     * A copy of the current weights in {@code manager}, outside any gradient: the encoder as it is now, for the
     * composite prior of the next epoch (and the decoder's updates).
     */
    Function<Parameter, NDArray> freeze(NDManager manager) {
        Map<Parameter, NDArray> copy = new IdentityHashMap<>();
        for (Parameter parameter : getParameters().values()) {
            NDArray value = parameter.getArray();
            copy.put(parameter, manager.create(value.toFloatArray(), value.getShape()));
        }
        return copy::get;
    }

    /** Mean and log-variance of the posterior for prepared rows, with the weights {@code value} gives. */
    NDList encode(NDArray prepared, Function<Parameter, NDArray> value) {
        // the input is always the receiver, so results belong to the step's manager and not the model's
        NDArray h = prepared.matMul(value.apply(dense[0])).add(value.apply(denseBias[0]));
        NDArray skip = null;
        Shape normalised = new Shape(hidden);
        for (int k = 0; ; k++) {
            h = LayerNorm.layerNorm(Activation.swish(h, 1f), normalised, value.apply(gamma[k]),
                    value.apply(beta[k]), RecVaeRecommender.NORM_EPSILON).head();
            skip = skip == null ? h : skip.add(h);
            if (k + 1 == dense.length) {
                break;
            }
            h = h.matMul(value.apply(dense[k + 1])).add(value.apply(denseBias[k + 1])).add(skip);
        }
        NDArray mu = h.matMul(value.apply(mean)).add(value.apply(meanBias));
        NDArray logVar = h.matMul(value.apply(logVariance)).add(value.apply(logVarianceBias));
        return new NDList(mu, logVar);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray prepared = inputs.get(0);
        return encode(prepared, parameter -> store.getValue(parameter, prepared.getDevice(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long rows = inputShapes[0].get(0);
        return new Shape[] {new Shape(rows, latent), new Shape(rows, latent)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children: the layers are this block's own parameters
    }
}

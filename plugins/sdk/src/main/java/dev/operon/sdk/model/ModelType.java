package dev.operon.sdk.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.translate.Translator;
import java.io.IOException;

/**
 * A kind of trainable model a plugin serves, such as {@code examples-image.cnn}.
 *
 * <p>Training is an ordinary task of the plugin: it builds and trains a DJL model, saves it to a folder and calls
 * {@link Models#register(ModelDraft)} from its task context. The platform stores the version (files in the database
 * with a checksum), compares it with the champion on {@link #primaryMetric()}, and promotes it when it wins by the
 * configured margin. A failed or cancelled training registers nothing.
 *
 * <p>Serving: the platform loads the champion once per node with {@link #load}, creates one DJL
 * {@link ai.djl.inference.Predictor} per thread with {@link #translator}, and swaps to a new champion without
 * failing requests in flight. Both methods are called by the platform only, from any thread.
 *
 * @param <I> what a prediction takes (a record, an image, a string)
 * @param <O> what it returns
 */
public interface ModelType<I, O> {

    /** Stable id, {@code <plugin-id>.<name>}. */
    String id();

    /** Short human-readable title. */
    String title();

    /** What the model predicts, for operators. */
    default String description() {
        return "";
    }

    /** The class of a prediction's input, for the API's schemas. */
    Class<I> inputType();

    /** The class of a prediction's output. */
    Class<O> outputType();

    /** The validation metric that decides promotion, and whether higher is better. */
    MetricGoal primaryMetric();

    /** Builds the model's block and loads a saved version's parameters from {@code files} onto {@code device}. */
    Model load(ModelFiles files, Device device) throws IOException, MalformedModelException;

    /** The translator between {@code I}/{@code O} and tensors for a loaded version. */
    Translator<I, O> translator(ModelFiles files);
}

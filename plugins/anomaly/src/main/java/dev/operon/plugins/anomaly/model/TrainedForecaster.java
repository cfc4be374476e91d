package dev.operon.plugins.anomaly.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained forecaster: the DJL model (saved and loaded through the model lifecycle) and a copy of its weights in
 * plain arrays, so that online scoring of one point at a time costs about two thousand multiply-adds in Java instead
 * of a native call per point.
 */
public final class TrainedForecaster implements AutoCloseable {

    /** The name the DJL parameters are saved under. */
    public static final String MODEL_NAME = "forecaster";

    private final Model model;
    private final double validationError;
    private final double naiveError;
    private final int epochs;
    private final double trainingSeconds;
    private final List<float[]> weights;
    private final List<Shape> shapes;

    TrainedForecaster(Model model, double validationError, double naiveError, int epochs, double trainingSeconds) {
        this.model = model;
        this.validationError = validationError;
        this.naiveError = naiveError;
        this.epochs = epochs;
        this.trainingSeconds = trainingSeconds;
        this.weights = snapshot(model.getBlock());
        this.shapes = new ArrayList<>();
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            shapes.add(p.getValue().getArray().getShape());
        }
    }

    /** Mean absolute error of the encoded next value on the held-out windows. */
    public double validationError() {
        return validationError;
    }

    /** The same error for "the next value equals the last one", for comparison. */
    public double naiveError() {
        return naiveError;
    }

    public int epochs() {
        return epochs;
    }

    public double trainingSeconds() {
        return trainingSeconds;
    }

    public Model model() {
        return model;
    }

    /** The forecast of the value after {@code values[from .. from + WIDTH)}, in the series' own units. */
    public double forecast(double[] values, int from) {
        float[] x = new float[WindowEncoding.WIDTH];
        WindowEncoding.Frame frame = WindowEncoding.encode(values, from, x, 0);
        return frame.decode(forward(x));
    }

    /** The network's output for an encoded window, computed from the copied weights. */
    float forward(float[] input) {
        float[] activation = input;
        int layers = weights.size() / 2;
        for (int layer = 0; layer < layers; layer++) {
            float[] w = weights.get(2 * layer);
            float[] b = weights.get(2 * layer + 1);
            int units = (int) shapes.get(2 * layer).get(0);
            int inputs = activation.length;
            float[] next = new float[units];
            for (int j = 0; j < units; j++) {
                float sum = b[j];
                int row = j * inputs;
                for (int i = 0; i < inputs; i++) {
                    sum += w[row + i] * activation[i];
                }
                next[j] = layer < layers - 1 ? Math.max(0f, sum) : sum;
            }
            activation = next;
        }
        return activation[0];
    }

    /** Saves the DJL parameters into {@code directory}. */
    public void save(Path directory) throws IOException {
        Files.createDirectories(directory);
        model.save(directory, MODEL_NAME);
    }

    /** Loads a saved forecaster onto {@code device}. */
    public static Model load(Path directory, Device device) throws IOException, MalformedModelException {
        Model model = Model.newInstance(MODEL_NAME, device);
        try {
            model.setBlock(ForecastNetwork.create());
            model.load(directory, MODEL_NAME);
            return model;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Wraps a loaded model for Java-side forecasting. */
    public static TrainedForecaster of(Model model) {
        return new TrainedForecaster(model, Double.NaN, Double.NaN, 0, 0);
    }

    static List<float[]> snapshot(Block block) {
        List<float[]> copy = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            copy.add(p.getValue().getArray().toFloatArray());
        }
        return copy;
    }

    static void restore(Block block, List<float[]> values) {
        if (values == null) {
            return;
        }
        int i = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            p.getValue().getArray().set(values.get(i++));
        }
    }

    @Override
    public void close() {
        model.close();
    }
}

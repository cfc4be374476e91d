package dev.operon.core.models;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.operon.sdk.model.MetricGoal;
import dev.operon.sdk.model.ModelFiles;
import dev.operon.sdk.model.ModelType;
import java.io.IOException;

/**
 * A test model type: a straight line {@code y = a x + b} learnt by one DJL linear layer, judged by the validation
 * mean squared error. Several ids of it let test classes that share one database keep out of each other's way.
 */
public final class LineModel implements ModelType<LineModel.Point, LineModel.Estimate> {

    /** The input: x. */
    public record Point(double x) {
    }

    /** The output: the estimated y. */
    public record Estimate(double y) {
    }

    private final String id;

    public LineModel(String id) {
        this.id = id;
    }

    static Block block() {
        return Linear.builder().setUnits(1).build();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return "Line " + id;
    }

    @Override
    public Class<Point> inputType() {
        return Point.class;
    }

    @Override
    public Class<Estimate> outputType() {
        return Estimate.class;
    }

    @Override
    public MetricGoal primaryMetric() {
        return MetricGoal.minimise("mse");
    }

    @Override
    public Model load(ModelFiles files, Device device) throws IOException, MalformedModelException {
        Model model = Model.newInstance(files.modelName(), device);
        model.setBlock(block());
        model.load(files.directory(), files.modelName());
        return model;
    }

    @Override
    public Translator<Point, Estimate> translator(ModelFiles files) {
        return new Translator<>() {
            @Override
            public NDList processInput(TranslatorContext ctx, Point input) {
                return new NDList(ctx.getNDManager().create(new float[] {(float) input.x()}));
            }

            @Override
            public Estimate processOutput(TranslatorContext ctx, NDList list) {
                return new Estimate(list.singletonOrThrow().getFloat(0));
            }
        };
    }
}

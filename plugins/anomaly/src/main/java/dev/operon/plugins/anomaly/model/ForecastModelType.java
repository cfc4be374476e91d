package dev.operon.plugins.anomaly.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.translate.Translator;
import dev.operon.sdk.model.MetricGoal;
import dev.operon.sdk.model.ModelFiles;
import dev.operon.sdk.model.ModelType;
import java.io.IOException;

/**
 * {@code anomaly.forecast}: the window forecaster trained by {@link ForecastTrainTask} on the stored metric series.
 * A new version becomes champion when its held-out forecast error relative to the naive forecast ("same as the last
 * value") is lower than the champion's.
 */
public final class ForecastModelType implements ModelType<ForecastInput, ForecastOutput> {

    public static final String ID = "anomaly.forecast";
    /** The primary metric: held-out mean absolute error divided by the naive forecast's. */
    public static final String ERROR_RATIO = "mae_vs_naive";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Metric forecaster";
    }

    @Override
    public String description() {
        return "Forecasts a metric's next value from its last " + WindowEncoding.WIDTH + " values; the anomaly"
                + " detectors score how far each point lands from its forecast.";
    }

    @Override
    public Class<ForecastInput> inputType() {
        return ForecastInput.class;
    }

    @Override
    public Class<ForecastOutput> outputType() {
        return ForecastOutput.class;
    }

    @Override
    public MetricGoal primaryMetric() {
        return MetricGoal.minimise(ERROR_RATIO);
    }

    @Override
    public Model load(ModelFiles files, Device device) throws IOException, MalformedModelException {
        return TrainedForecaster.load(files.directory(), device);
    }

    @Override
    public Translator<ForecastInput, ForecastOutput> translator(ModelFiles files) {
        return new ForecastTranslator();
    }
}

package dev.operon.plugins.anomaly.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.anomaly.AnomalyPlugin;
import dev.operon.plugins.anomaly.detect.DetectorPluginParts;
import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.model.ModelType;
import dev.operon.sdk.model.ModelVersion;
import dev.operon.sdk.task.TaskType;
import dev.operon.sdk.testkit.PluginTestKit;
import dev.operon.sdk.testkit.TaskResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The forecaster trained through the task and served through the model lifecycle. */
class ForecastTrainTaskTest {

    /** Three daily-shaped series of different scales, with noise and a few missing points. */
    private static Map<String, double[]> series() {
        Map<String, double[]> all = new LinkedHashMap<>();
        Random random = new Random(21);
        double[] scales = {1, 40, 2500};
        for (int s = 0; s < scales.length; s++) {
            double[] v = new double[1500];
            for (int i = 0; i < v.length; i++) {
                v[i] = scales[s] * (10 + 3 * Math.sin(2 * Math.PI * i / 96.0) + 0.2 * random.nextGaussian());
            }
            v[300 + s] = Double.NaN;
            all.put("series-" + s, v);
        }
        all.put("too-short", new double[] {1, 2, 3});
        return all;
    }

    /** The plugin's id and detector parts over an in-memory history (the series store is the alerting side's). */
    private static OperonPlugin plugin(Map<String, double[]> data) {
        SeriesSource source = new SeriesSource() {
            @Override
            public List<String> seriesNames() {
                return List.copyOf(data.keySet());
            }

            @Override
            public double[] values(String series, Instant from, Instant to) {
                return data.get(series);
            }
        };
        return new OperonPlugin() {
            @Override
            public PluginInfo info() {
                return new AnomalyPlugin().info();
            }

            @Override
            public List<TaskType<?, ?>> tasks() {
                return DetectorPluginParts.tasks(source);
            }

            @Override
            public List<ModelType<?, ?>> models() {
                return DetectorPluginParts.models();
            }
        };
    }

    @Test
    void theForecasterTrainsRegistersBeatsTheNaiveForecastAndServes() throws Exception {
        Map<String, double[]> data = series();
        try (PluginTestKit kit = PluginTestKit.start(plugin(data))) {
            TaskResult<ForecastTrainTask.Summary> run = kit.runTask(ForecastTrainTask.ID, Map.of("days", 7));
            ForecastTrainTask.Summary summary = run.output();
            assertEquals(3, summary.seriesUsed());
            assertEquals(1, summary.seriesSkipped());
            // training time is measured by bench/run.sh anomaly-speed, not here
            assertTrue(summary.errorRatio() < 0.95, "error ratio against the naive forecast " + summary.errorRatio());

            List<ModelVersion> versions = kit.models().versions(ForecastModelType.ID);
            assertEquals(1, versions.size());
            assertEquals(ModelVersion.Stage.CHAMPION, versions.get(0).stage());

            double[] big = data.get("series-2");
            double[] window = java.util.Arrays.copyOfRange(big, 1400, 1400 + WindowEncoding.WIDTH);
            double truth = 2500 * (10 + 3 * Math.sin(2 * Math.PI * (1400 + WindowEncoding.WIDTH) / 96.0));
            ForecastOutput served = kit.models().predict(ForecastModelType.ID, new ForecastInput(window));
            assertEquals(truth, served.expected(), 2500 * 1.0, "served forecast");
        }
    }

    @Test
    void theJavaForwardPassMatchesTheNetworkAndSavedModelsLoadBack() throws Exception {
        double[] values = series().get("series-1");
        try (TrainedForecaster trained = ForecasterTrainer.train(values, ForecasterTrainer.Settings.DEFAULTS)) {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("forecast-test");
            trained.save(dir);
            try (ai.djl.Model loaded = TrainedForecaster.load(dir, ai.djl.Device.cpu());
                 ai.djl.inference.Predictor<ForecastInput, ForecastOutput> predictor =
                         loaded.newPredictor(new ForecastTranslator())) {
                TrainedForecaster reloaded = TrainedForecaster.of(loaded);
                for (int from = 1000; from < 1400; from += 37) {
                    double[] window = java.util.Arrays.copyOfRange(values, from, from + WindowEncoding.WIDTH);
                    double viaDjl = predictor.predict(new ForecastInput(window)).expected();
                    assertEquals(viaDjl, trained.forecast(values, from), 1e-3 * Math.abs(viaDjl) + 1e-6);
                    assertEquals(viaDjl, reloaded.forecast(values, from), 1e-3 * Math.abs(viaDjl) + 1e-6);
                }
            }
        }
    }

    @Test
    void aSeriesTooShortToLearnIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ForecasterTrainer.train(new double[50], ForecasterTrainer.Settings.DEFAULTS));
    }
}

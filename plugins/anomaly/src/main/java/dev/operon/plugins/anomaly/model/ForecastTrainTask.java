package dev.operon.plugins.anomaly.model;

import dev.operon.sdk.model.ModelDraft;
import dev.operon.sdk.task.Concurrency;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskDefaults;
import dev.operon.sdk.task.TaskType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code anomaly.train}: trains the forecaster on the last {@code days} of every stored series and registers it as a
 * new version of {@link ForecastModelType}; the lifecycle promotes it when it forecasts better than the champion.
 * Runs daily by default.
 */
public final class ForecastTrainTask implements TaskType<ForecastTrainTask.Input, ForecastTrainTask.Summary> {

    @Override public dev.operon.sdk.task.Resources resources() { return dev.operon.sdk.task.Resources.gpuPreferred(); }

    public static final String ID = "anomaly.train";

    /** @param days how much history to train on (default 14) */
    public record Input(Integer days) {

        int daysOrDefault() {
            return days == null ? 14 : days;
        }
    }

    /** What a training run did. */
    public record Summary(int seriesUsed, int seriesSkipped, int epochs, double validationError, double naiveError,
                          double errorRatio, double seconds) {
    }

    private final SeriesSource source;

    public ForecastTrainTask(SeriesSource source) {
        this.source = source;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Train the metric forecaster";
    }

    @Override
    public String description() {
        return "Trains the anomaly detectors' forecaster on recent metric history and registers it; it serves when it"
                + " forecasts better than the current one.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<Summary> outputType() {
        return Summary.class;
    }

    /** Daily, 03:15 UTC. */
    @Override
    public Optional<String> defaultCron() {
        return Optional.of("0 15 3 * * ?");
    }

    @Override
    public TaskDefaults defaults() {
        return TaskDefaults.STANDARD.withTimeout(Duration.ofMinutes(30)).withConcurrency(Concurrency.SKIP);
    }

    @Override
    public Summary run(TaskContext context, Input input) throws Exception {
        Input in = input == null ? new Input(null) : input;
        if (in.daysOrDefault() < 1 || in.daysOrDefault() > 365) {
            throw new IllegalArgumentException("days must be within 1..365, got " + in.days());
        }
        Instant to = Instant.now();
        Instant from = to.minus(Duration.ofDays(in.daysOrDefault()));
        List<double[]> series = new ArrayList<>();
        int skipped = 0;
        for (String name : source.seriesNames()) {
            context.checkCancelled();
            double[] values = source.values(name, from, to);
            long observed = java.util.Arrays.stream(values).filter(v -> !Double.isNaN(v)).count();
            if (observed >= 4L * WindowEncoding.WIDTH) {
                series.add(values);
            } else {
                skipped++;
            }
        }
        if (series.isEmpty()) {
            context.log().info("no series with at least " + 4 * WindowEncoding.WIDTH + " points; nothing trained");
            return new Summary(0, skipped, 0, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        context.progress(10, "training on " + series.size() + " series");
        try (TrainedForecaster trained = ForecasterTrainer.train(series, ForecasterTrainer.Settings.DEFAULTS)) {
            double ratio = trained.validationError() / Math.max(1e-9, trained.naiveError());
            Path directory = Files.createTempDirectory("anomaly-forecast-");
            trained.save(directory);
            context.models().register(ModelDraft.of(ForecastModelType.ID, directory, TrainedForecaster.MODEL_NAME)
                    .validationMetric(ForecastModelType.ERROR_RATIO, ratio)
                    .validationMetric("mae", trained.validationError())
                    .parameter("window", WindowEncoding.WIDTH)
                    .parameter("hidden", ForecastNetwork.HIDDEN)
                    .parameter("epochs", trained.epochs())
                    .parameter("series", series.size())
                    .dataWindow(from, to)
                    .build());
            context.progress(100, "registered");
            return new Summary(series.size(), skipped, trained.epochs(), trained.validationError(),
                    trained.naiveError(), ratio, trained.trainingSeconds());
        }
    }
}

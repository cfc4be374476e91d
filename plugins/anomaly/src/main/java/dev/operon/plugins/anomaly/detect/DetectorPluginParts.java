package dev.operon.plugins.anomaly.detect;

import dev.operon.plugins.anomaly.cli.DetectCommand;
import dev.operon.plugins.anomaly.model.ForecastModelType;
import dev.operon.plugins.anomaly.model.ForecastTrainTask;
import dev.operon.plugins.anomaly.model.SeriesSource;
import dev.operon.sdk.cli.OfflineCommand;
import dev.operon.sdk.model.ModelType;
import dev.operon.sdk.task.TaskType;
import java.util.List;

/**
 * What the detectors side contributes to {@code AnomalyPlugin}: its offline commands, model types and tasks, listed
 * here so the plugin class only concatenates lists.
 */
public final class DetectorPluginParts {

    private DetectorPluginParts() {
    }

    /** {@code operon anomaly detect}. */
    public static List<OfflineCommand> commands() {
        return List.of(new DetectCommand());
    }

    /** {@code anomaly.forecast}. */
    public static List<ModelType<?, ?>> models() {
        return List.of(new ForecastModelType());
    }

    /**
     * {@code anomaly.train}, reading history from {@code source} (the plugin's series store; {@link SeriesSource#none()}
     * trains nothing).
     */
    public static List<TaskType<?, ?>> tasks(SeriesSource source) {
        return List.of(new ForecastTrainTask(source));
    }
}

package dev.operon.plugins.anomaly;

import dev.operon.plugins.anomaly.detect.DetectorPluginParts;
import dev.operon.plugins.anomaly.model.SeriesSource;
import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.cli.OfflineCommand;
import dev.operon.sdk.model.ModelType;
import dev.operon.sdk.task.TaskType;
import java.util.List;

/** Online anomaly detection on product and system metrics, with incidents and alerting. */
public final class AnomalyPlugin implements OperonPlugin {

    /** The plugin id: prefix of its tasks, operations, tables and configuration keys. */
    public static final String ID = "anomaly";

    @Override
    public PluginInfo info() {
        return new PluginInfo(ID, "Anomaly detection", "0.1.0", "[1.2,2.0)",
                "Online anomaly detection on product and system metrics, with incidents and alerting.");
    }

    @Override
    public List<TaskType<?, ?>> tasks() {
        return DetectorPluginParts.tasks(SeriesSource.none());
    }

    @Override
    public List<ModelType<?, ?>> models() {
        return DetectorPluginParts.models();
    }

    @Override
    public List<OfflineCommand> commands() {
        return DetectorPluginParts.commands();
    }
}

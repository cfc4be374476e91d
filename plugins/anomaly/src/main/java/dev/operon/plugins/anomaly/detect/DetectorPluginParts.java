package dev.operon.plugins.anomaly.detect;

import dev.operon.plugins.anomaly.cli.DetectCommand;
import dev.operon.sdk.cli.OfflineCommand;
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
}

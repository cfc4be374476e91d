package dev.operon.core.plugins.jars;

import dev.operon.sdk.OperonPlugin;
import dev.operon.sdk.PluginContext;
import dev.operon.sdk.PluginInfo;
import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.config.ConfigType;
import dev.operon.sdk.task.TaskType;
import java.util.List;

/**
 * Refused until configured: a required URL nobody set, and a whole number whose declared default is not one. An
 * admin can fix both through the API and enable it.
 */
public class BadConfigPlugin implements OperonPlugin {

    @Override
    public PluginInfo info() {
        return new PluginInfo("jar-bad-config", "Bad config", "1.0", "[1.0,2.0)", "Needs configuration.");
    }

    @Override
    public List<ConfigProperty> config() {
        return List.of(ConfigProperty.required("endpoint", ConfigType.URL, "Where to send things."),
                ConfigProperty.of("retries", ConfigType.INTEGER, "lots", "How often to retry."));
    }

    @Override
    public List<TaskType<?, ?>> tasks() {
        return List.of();
    }

    @Override
    public void start(PluginContext context) {
        context.config().require("endpoint");
    }
}

package dev.operon.sdk;

/**
 * What the platform hands a plugin at start: its identity and its {@link PluginScope} (validated configuration, its
 * own tables, its models, events, profiles, metrics, channels and services). The same scope reaches tasks through
 * {@code TaskContext} and operations through {@code OperationContext}. Thread-safe.
 */
public interface PluginContext extends PluginScope {

    /** The info of the plugin being started. */
    PluginInfo plugin();

    /** The SDK version the running platform implements (see {@link Sdk#VERSION}). */
    default String sdkVersion() {
        return Sdk.VERSION;
    }
}

package dev.operon.sdk;

/**
 * What the platform hands a plugin at start. This first version carries the plugin's identity and the SDK version
 * the platform speaks; configuration, data access and model services are added without breaking this type.
 */
public interface PluginContext {

    /** The info of the plugin being started. */
    PluginInfo plugin();

    /** The SDK version the running platform implements (see {@link Sdk#VERSION}). */
    default String sdkVersion() {
        return Sdk.VERSION;
    }
}

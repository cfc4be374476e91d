package dev.operon.sdk;

/**
 * The SDK's own version. Minor versions add types and default methods only; a major version may remove or change
 * them. A plugin states the range it supports in {@link PluginInfo#sdkRange()}.
 */
public final class Sdk {

    /** The version of this SDK, {@code major.minor}. */
    public static final String VERSION = "1.9";

    private Sdk() {
    }
}

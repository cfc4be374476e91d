package dev.operon.core.plugins;

import java.util.Locale;

/** Where a plugin stands on this node. */
public enum PluginStatus {
    /** Started: its task types run and its operations answer. */
    ACTIVE,
    /** Turned off by an admin: declared but not started; its tasks and operations are unavailable. */
    DISABLED,
    /** Could not be used; the reason says why. */
    REFUSED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}

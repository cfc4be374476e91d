package dev.operon.sdk;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identity and compatibility of a plugin.
 *
 * @param id          stable kebab-case id, prefix of its task types, tables and config keys (for example {@code anomaly})
 * @param name        human-readable name shown to operators
 * @param version     the plugin's own version
 * @param sdkRange    SDK versions this plugin was built for, as a Maven-style range such as {@code [1.0,2.0)}
 * @param description one or two sentences on what the plugin does
 */
public record PluginInfo(String id, String name, String version, String sdkRange, String description) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public PluginInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sdkRange, "sdkRange");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("plugin id must be kebab-case (a-z, 0-9, '-'): " + id);
        }
        description = description == null ? "" : description;
    }
}

package dev.operon.core.models;

/**
 * DJL's process-wide settings, applied before the first {@code Engine} call: offline (natives come from Maven
 * artifacts, nothing is downloaded) and no usage tracking (otherwise each start waits on a cloud metadata address).
 * Values set by the operator (system properties) win.
 */
public final class DjlSettings {

    private DjlSettings() {
    }

    /** Sets the properties unless already set; safe to call more than once. */
    public static void apply() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}

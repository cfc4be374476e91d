package dev.operon.sdk.testkit;

/**
 * The platform would refuse to run this plugin: its declarations break a rule (ids, SDK range, panels bound to
 * missing operations), its configuration is invalid, or its {@code start} threw. The message gives the reason as the
 * platform would show it to an admin.
 */
public class PluginRefusedException extends RuntimeException {

    public PluginRefusedException(String message) {
        super(message);
    }

    public PluginRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}

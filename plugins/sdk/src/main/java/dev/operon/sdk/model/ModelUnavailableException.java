package dev.operon.sdk.model;

/** There is no champion to predict with (never trained, or the plugin is disabled), or it failed to load. */
public class ModelUnavailableException extends RuntimeException {

    public ModelUnavailableException(String message) {
        super(message);
    }

    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

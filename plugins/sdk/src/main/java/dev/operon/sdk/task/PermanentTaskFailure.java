package dev.operon.sdk.task;

/**
 * A failure that retrying cannot fix (bad parameters, a 4xx answer): the run fails at once, whatever retries remain.
 */
public class PermanentTaskFailure extends RuntimeException {

    public PermanentTaskFailure(String message) {
        super(message);
    }

    public PermanentTaskFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

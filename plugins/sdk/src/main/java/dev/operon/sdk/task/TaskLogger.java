package dev.operon.sdk.task;

/**
 * A run's log. Lines are stored with the run (paged through the API and CLI) and never contain secrets unless the
 * task writes them: do not log credentials.
 */
public interface TaskLogger {

    void debug(String message);

    void info(String message);

    void warn(String message);

    void error(String message);
}

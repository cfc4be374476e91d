package dev.operon.core.runs;

/**
 * How an attempt ended.
 *
 * @param state     succeeded, failed, cancelled, timed-out or skipped
 * @param output    the output as JSON, for a success
 * @param error     what went wrong, for the others
 * @param retryable whether another attempt may help (false for a permanent failure or a cancel)
 */
public record Outcome(RunState state, String output, String error, boolean retryable) {

    public static Outcome succeeded(String output) {
        return new Outcome(RunState.SUCCEEDED, output, null, false);
    }

    public static Outcome failed(String error, boolean retryable) {
        return new Outcome(RunState.FAILED, null, error, retryable);
    }

    public static Outcome cancelled(String why) {
        return new Outcome(RunState.CANCELLED, null, why, false);
    }

    /** The task had nothing to do yet ({@code TaskSkipped}); {@code why} is shown as the run's reason. */
    public static Outcome skipped(String why) {
        return new Outcome(RunState.SKIPPED, null, why, false);
    }

    public static Outcome timedOut(String why) {
        return new Outcome(RunState.TIMED_OUT, null, why, true);
    }
}

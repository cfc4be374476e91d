package dev.operon.sdk.testkit;

import dev.operon.sdk.model.ModelDraft;
import dev.operon.sdk.model.ModelVersion;
import java.time.Duration;
import java.util.List;

/**
 * How one task run ended, with everything it recorded: its output (as a record and as the JSON the platform would
 * store), log lines, progress history, series points, the model drafts it asked to register and the versions that
 * were stored (only when it succeeded).
 *
 * @param <O> the task's output record
 */
public final class TaskResult<O> {

    /** The state the platform would record for the run. */
    /** How the run ended; {@code SKIPPED}: the task had nothing to do yet ({@code TaskSkipped}, SDK 1.8). */
    public enum State { SUCCEEDED, FAILED, CANCELLED, TIMED_OUT, SKIPPED }

    private final String taskId;
    private final State state;
    private final O output;
    private final String outputJson;
    private final Throwable error;
    private final String errorMessage;
    private final boolean retryable;
    private final List<LogLine> logs;
    private final List<ProgressUpdate> progress;
    private final List<MetricPoint> points;
    private final List<ModelDraft> drafts;
    private final List<ModelVersion> registered;
    private final Duration duration;

    TaskResult(String taskId, State state, O output, String outputJson, Throwable error, String errorMessage,
               boolean retryable, KitTaskContext context, List<ModelVersion> registered, Duration duration) {
        this.taskId = taskId;
        this.state = state;
        this.output = output;
        this.outputJson = outputJson;
        this.error = error;
        this.errorMessage = errorMessage;
        this.retryable = retryable;
        this.logs = context.lines();
        this.progress = context.progressUpdates();
        this.points = context.points();
        this.drafts = context.runModels().drafts();
        this.registered = List.copyOf(registered);
        this.duration = duration;
    }

    public State state() {
        return state;
    }

    public boolean succeeded() {
        return state == State.SUCCEEDED;
    }

    /**
     * The output record; throws an {@link IllegalStateException} with the run's error as cause when the run did not
     * succeed, so a test that expects success fails with the reason.
     */
    public O output() {
        if (state != State.SUCCEEDED) {
            throw new IllegalStateException("task " + taskId + " ended " + state + ": " + errorMessage, error);
        }
        return output;
    }

    /** The output as the JSON text the platform would store with the run; null unless succeeded. */
    public String outputJson() {
        return outputJson;
    }

    /** What the task threw, or null. */
    public Throwable error() {
        return error;
    }

    /** The run's error as the platform would show it to operators, or null when it succeeded. */
    public String errorMessage() {
        return errorMessage;
    }

    /** For a failed run: whether the platform would retry it (it failed, and not with a permanent failure). */
    public boolean retryable() {
        return retryable;
    }

    /** Every log line, oldest first (the platform adds the error as a last {@code error} line when it failed). */
    public List<LogLine> logs() {
        return logs;
    }

    /** The log lines' texts, oldest first. */
    public List<String> logMessages() {
        return logs.stream().map(LogLine::message).toList();
    }

    /** Every progress report, oldest first. */
    public List<ProgressUpdate> progress() {
        return progress;
    }

    /** Every series point, in the order recorded. */
    public List<MetricPoint> metricPoints() {
        return points;
    }

    /** The points of one series, in the order recorded. */
    public List<MetricPoint> metricPoints(String series) {
        return points.stream().filter(p -> p.series().equals(series)).toList();
    }

    /** The drafts the task asked to register, whether or not they were stored. */
    public List<ModelDraft> drafts() {
        return drafts;
    }

    /** The versions stored for this run's drafts: empty unless it succeeded. */
    public List<ModelVersion> registered() {
        return registered;
    }

    /** How long the run took. */
    public Duration duration() {
        return duration;
    }

    @Override
    public String toString() {
        return "TaskResult[" + taskId + " " + state + (errorMessage == null ? "" : ": " + errorMessage) + "]";
    }
}

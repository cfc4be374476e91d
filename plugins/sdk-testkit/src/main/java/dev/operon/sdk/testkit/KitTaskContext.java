package dev.operon.sdk.testkit;

import dev.operon.sdk.PluginScope;
import dev.operon.sdk.model.Models;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskLogger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The context of one task run in a test: records log lines, progress and series points in memory, and carries the
 * stop signal (cancel or timeout) from the test's thread to the task's.
 */
final class KitTaskContext implements TaskContext, TaskLogger, PluginScope.Forwarding {

    /** Why the run was asked to stop. */
    enum StopReason { CANCELLED, TIMED_OUT }

    private final long runId;
    private final Instant deadline;
    private final PluginTestKit kit;
    private final RunModels models;
    private final List<LogLine> lines = new ArrayList<>();
    private final List<ProgressUpdate> progress = new ArrayList<>();
    private final List<MetricPoint> points = new ArrayList<>();
    private volatile StopReason stopReason;

    KitTaskContext(long runId, Instant deadline, PluginTestKit kit, RunModels models) {
        this.runId = runId;
        this.deadline = deadline;
        this.kit = kit;
        this.models = models;
    }

    @Override
    public PluginScope scope() {
        return kit;
    }

    @Override
    public long runId() {
        return runId;
    }

    @Override
    public int attempt() {
        return 1;
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public TaskLogger log() {
        return this;
    }

    @Override
    public synchronized void progress(int percent, String message) {
        progress.add(new ProgressUpdate(Math.max(0, Math.min(100, percent)), message));
    }

    @Override
    public boolean isCancelled() {
        return stopReason != null;
    }

    @Override
    public synchronized void metric(String series, int step, double value) {
        if (series == null || series.isBlank() || !Double.isFinite(value)) {
            return;
        }
        points.add(new MetricPoint(series, step, value));
    }

    @Override
    public Models models() {
        return models;
    }

    @Override
    public void debug(String message) {
        line("debug", message);
    }

    @Override
    public void info(String message) {
        line("info", message);
    }

    @Override
    public void warn(String message) {
        line("warn", message);
    }

    @Override
    public void error(String message) {
        line("error", message);
    }

    private synchronized void line(String level, String message) {
        lines.add(new LogLine(Instant.now(), level, message == null ? "" : message));
    }

    /** Asks the task to stop; the first reason wins. */
    synchronized boolean signalStop(StopReason reason) {
        if (stopReason != null) {
            return false;
        }
        stopReason = reason;
        return true;
    }

    StopReason stopReason() {
        return stopReason;
    }

    RunModels runModels() {
        return models;
    }

    synchronized List<LogLine> lines() {
        return List.copyOf(lines);
    }

    synchronized List<ProgressUpdate> progressUpdates() {
        return List.copyOf(progress);
    }

    synchronized List<MetricPoint> points() {
        return List.copyOf(points);
    }
}

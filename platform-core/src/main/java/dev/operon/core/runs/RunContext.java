package dev.operon.core.runs;

import dev.operon.core.plugins.PluginServices;
import dev.operon.sdk.PluginScope;
import dev.operon.sdk.model.Models;
import dev.operon.sdk.task.TaskContext;
import dev.operon.sdk.task.TaskLogger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The context of one running attempt. The task's thread writes progress and log lines here; the watchdog thread
 * drains them to the database a few times a second and signals cancellation and timeouts back.
 */
public final class RunContext implements TaskContext, TaskLogger, PluginScope.Forwarding {

    /** Why an attempt was asked to stop. */
    public enum StopReason { CANCELLED, TIMED_OUT }

    static final int MAX_MESSAGE_CHARS = 8_000;
    static final int MAX_LINES = 100_000;
    private static final Logger LOG = Logger.getLogger("dev.operon.run");

    private final Run run;
    private final Instant deadline;
    private final Thread thread;
    private final AtomicInteger logSeq;
    private final Queue<Object[]> pendingLines = new ConcurrentLinkedQueue<>();
    private final Queue<Object[]> pendingPoints = new ConcurrentLinkedQueue<>();
    private final PluginServices services;
    private final Models models;
    private volatile StopReason stopReason;
    private volatile String stoppedBy;
    private volatile Instant stopSignalledAt;
    private volatile int percent = -1;
    private volatile String progressMessage;
    private volatile boolean progressDirty;
    private boolean abandoned;
    private boolean returned;

    RunContext(Run run, Instant deadline, Thread thread, int lastLogSeq, PluginServices services, Models models) {
        this.run = run;
        this.services = services;
        this.models = models;
        this.deadline = deadline;
        this.thread = thread;
        this.logSeq = new AtomicInteger(lastLogSeq);
    }

    @Override
    public PluginScope scope() {
        return services;
    }

    @Override
    public long runId() {
        return run.id();
    }

    @Override
    public int attempt() {
        return run.attempt();
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
    public void progress(int percent, String message) {
        this.percent = Math.max(0, Math.min(100, percent));
        this.progressMessage = message == null ? null : truncate(message, 500);
        this.progressDirty = true;
    }

    @Override
    public void metric(String series, int step, double value) {
        if (series == null || series.isBlank() || !Double.isFinite(value)) {
            return;
        }
        pendingPoints.add(new Object[] {run.id(), truncate(series, 100), step, value});
    }

    @Override
    public Models models() {
        return models;
    }

    @Override
    public boolean isCancelled() {
        return stopReason != null;
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

    private void line(String level, String message) {
        int seq = logSeq.incrementAndGet();
        if (seq > MAX_LINES) {
            if (seq == MAX_LINES + 1) {
                pendingLines.add(new Object[] {run.id(), seq, Instant.now(), "warn",
                        "log limit of " + MAX_LINES + " lines reached; further lines are dropped"});
            }
            return;
        }
        String text = message == null ? "" : truncate(message, MAX_MESSAGE_CHARS);
        pendingLines.add(new Object[] {run.id(), seq, Instant.now(), level, text});
        LOG.debugf("run %d: %s %s", run.id(), level, text);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    Run run() {
        return run;
    }

    Thread thread() {
        return thread;
    }

    /** Asks the task to stop; the first reason wins. Returns true when this call set it. */
    boolean signalStop(StopReason reason, String by) {
        synchronized (this) {
            if (stopReason != null) {
                return false;
            }
            stoppedBy = by;
            stopReason = reason;
            stopSignalledAt = Instant.now();
            return true;
        }
    }

    /** Who asked for the stop (an actor such as {@code operator:alice}), or null for a timeout. */
    String stoppedBy() {
        return stoppedBy;
    }

    StopReason stopReason() {
        return stopReason;
    }

    Instant stopSignalledAt() {
        return stopSignalledAt;
    }

    /**
     * The watchdog takes the attempt over (it did not stop within the grace period): true unless the task already
     * returned. Whatever the task returns later is ignored.
     */
    synchronized boolean tryAbandon() {
        if (returned) {
            return false;
        }
        abandoned = true;
        return true;
    }

    /** The task returned: true unless the watchdog took the attempt over first. */
    synchronized boolean markReturned() {
        returned = true;
        return !abandoned;
    }

    List<Object[]> drainLines() {
        List<Object[]> lines = new ArrayList<>();
        Object[] line;
        while ((line = pendingLines.poll()) != null) {
            lines.add(line);
        }
        return lines;
    }

    List<Object[]> drainPoints() {
        List<Object[]> points = new ArrayList<>();
        Object[] point;
        while ((point = pendingPoints.poll()) != null) {
            points.add(point);
        }
        return points;
    }

    /** {id, attempt, percent, message} when progress changed since the last call, else null. */
    Object[] drainProgress() {
        if (!progressDirty) {
            return null;
        }
        progressDirty = false;
        return new Object[] {run.id(), run.attempt(), percent, progressMessage};
    }
}

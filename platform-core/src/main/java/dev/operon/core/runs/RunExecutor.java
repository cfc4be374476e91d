package dev.operon.core.runs;

import dev.operon.core.api.ApiException;
import dev.operon.core.plugins.ContextLoader;
import dev.operon.core.models.AttemptModels;
import dev.operon.core.models.ModelRegistry;
import dev.operon.core.plugins.PluginRegistry;
import dev.operon.core.tasks.TaskParams;
import dev.operon.core.tasks.TaskTypes;
import dev.operon.sdk.task.PermanentTaskFailure;
import dev.operon.sdk.task.TaskSkipped;
import dev.operon.sdk.task.TaskCancelledException;
import dev.operon.sdk.task.TaskType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Runs attempts on the calling Quartz worker thread: claims the run, binds its parameters, calls the task type with
 * a {@link RunContext} watched by the {@link RunWatchdog}, and hands the outcome to the {@link RunLifecycle}.
 */
@ApplicationScoped
public class RunExecutor {

    private static final Logger LOG = Logger.getLogger(RunExecutor.class);

    @Inject
    RunLifecycle lifecycle;

    @Inject
    RunStore runs;

    @Inject
    RunWatchdog watchdog;

    @Inject
    TaskTypes types;

    @Inject
    TaskParams params;

    @Inject
    RunMetrics metrics;

    @Inject
    PluginRegistry plugins;

    @Inject
    ModelRegistry models;

    /** A definition's trigger fired at {@code firedAt} for {@code scheduledFor}. */
    public void fire(long taskId, Instant scheduledFor, Instant firedAt, boolean recovering) {
        metrics.lag(Duration.between(scheduledFor, firedAt));
        Run run = lifecycle.fire(taskId, scheduledFor, recovering);
        if (run != null) {
            attempt(run);
        }
    }

    /** A run job fired: start the run's next attempt here if it is still queued and due. */
    public void execute(long runId, boolean recovering) {
        if (recovering) {
            lifecycle.recoverLost(runId, "the node running it stopped (recovered by Quartz)");
        }
        Run run = lifecycle.claim(runId);
        if (run != null) {
            attempt(run);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void attempt(Run run) {
        TaskType type = types.find(run.taskType()).orElse(null);
        if (type == null) {
            String why = plugins.unavailable(PluginRegistry.pluginOf(run.taskType()))
                    .orElse("is its plugin installed?");
            lifecycle.complete(run, Outcome.failed("unknown task type '" + run.taskType() + "' (" + why + ")",
                    false));
            return;
        }
        Instant deadline = run.startedAt().plusSeconds(run.timeoutSeconds());
        String pluginId = PluginRegistry.pluginOf(run.taskType());
        AttemptModels attemptModels = models.forAttempt(pluginId);
        try {
            RunContext context = new RunContext(run, deadline, Thread.currentThread(),
                    run.attempt() > 1 ? runs.lastLogSeq(run.id()) : 0, plugins.services(pluginId), attemptModels);
            attempt(type, run, context, attemptModels);
        } finally {
            attemptModels.discard();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void attempt(TaskType type, Run run, RunContext context, AttemptModels attemptModels) {
        watchdog.watch(context);
        Outcome outcome;
        try {
            Object input = params.bind(type, params.parse(run.params()));
            Object output = ContextLoader.call(type.getClass().getClassLoader(), () -> type.run(context, input));
            outcome = stopped(context).orElse(Outcome.succeeded(output == null ? null : params.write(output)));
        } catch (ApiException invalid) {
            outcome = Outcome.failed("invalid parameters: " + invalid.getMessage(), false);
        } catch (TaskSkipped e) {
            outcome = stopped(context).orElse(Outcome.skipped(describe(e)));
        } catch (PermanentTaskFailure e) {
            outcome = stopped(context).orElse(Outcome.failed(describe(e), false));
        } catch (TaskCancelledException | InterruptedException e) {
            outcome = stopped(context).orElse(Outcome.failed("interrupted", true));
        } catch (Throwable e) {
            outcome = stopped(context).orElse(Outcome.failed(describe(e), true));
            if (e instanceof Error && !(e instanceof StackOverflowError) && !(e instanceof AssertionError)) {
                LOG.errorf(e, "run %d: task %s threw an error", run.id(), run.taskType());
            }
        }
        boolean ours = context.markReturned();
        Thread.interrupted();
        watchdog.release(context);
        if (!ours) {
            return;
        }
        if (outcome.state() != RunState.SUCCEEDED && outcome.error() != null) {
            context.error(outcome.error());
        }
        watchdog.flush(context);
        Runnable registration = outcome.state() == RunState.SUCCEEDED && attemptModels.hasDrafts()
                ? () -> register(context, attemptModels) : null;
        try {
            lifecycle.complete(run, outcome, registration);
        } catch (RegistrationFailed e) {
            String why = "the trained model could not be registered: " + describe(e.getCause());
            LOG.errorf(e.getCause(), "run %d: %s", run.id(), why);
            context.error(why);
            watchdog.flush(context);
            complete(run, Outcome.failed(why, true));
        } catch (RuntimeException e) {
            LOG.errorf(e, "run %d: could not record the end of attempt %d; the sweeper will recover it", run.id(),
                    run.attempt());
        }
    }

    /** Inside the transaction that records the success: store the versions and log what became of them. */
    private void register(RunContext context, AttemptModels attemptModels) {
        try {
            attemptModels.commit(context.runId(), context::info);
        } catch (RuntimeException e) {
            throw new RegistrationFailed(e);
        }
        watchdog.flush(context);
    }

    private void complete(Run run, Outcome outcome) {
        try {
            lifecycle.complete(run, outcome);
        } catch (RuntimeException e) {
            LOG.errorf(e, "run %d: could not record the end of attempt %d; the sweeper will recover it", run.id(),
                    run.attempt());
        }
    }

    /** The model registration of a succeeded attempt failed; its transaction rolled back. */
    private static final class RegistrationFailed extends RuntimeException {
        RegistrationFailed(RuntimeException cause) {
            super(cause);
        }
    }

    private static java.util.Optional<Outcome> stopped(RunContext context) {
        RunContext.StopReason reason = context.stopReason();
        if (reason == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(reason == RunContext.StopReason.CANCELLED
                ? Outcome.cancelled("cancelled by " + (context.stoppedBy() == null ? "an operator" : context.stoppedBy()))
                : Outcome.timedOut("timeout of " + context.run().timeoutSeconds() + " s reached"));
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        String text = message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e instanceof RuntimeException && e.getClass().getName().startsWith("dev.operon") ? message
                : e.getClass().getSimpleName() + ": " + message;
        return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
    }
}

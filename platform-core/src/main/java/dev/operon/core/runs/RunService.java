package dev.operon.core.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.operon.core.api.ApiException;
import dev.operon.core.audit.Actor;
import dev.operon.core.tasks.TaskParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Reading runs and their logs, and cancelling them. */
@ApplicationScoped
public class RunService {

    public static final int MAX_PAGE = 500;

    @Inject
    RunStore runs;

    @Inject
    RunLifecycle lifecycle;

    @Inject
    RunWatchdog watchdog;

    @Inject
    TaskParams params;

    public RunView get(long id) {
        Run run = runs.find(id).orElseThrow(() -> ApiException.notFound("no run " + id));
        return view(run, runs.history(id));
    }

    public List<RunView> list(RunFilter filter) {
        return runs.list(filter).stream().map(run -> view(run, null)).toList();
    }

    public List<LogLine> logs(long id, int afterSeq, int limit) {
        if (runs.find(id).isEmpty()) {
            throw ApiException.notFound("no run " + id);
        }
        return runs.logs(id, afterSeq, limit);
    }

    public List<MetricPoint> metrics(long id) {
        if (runs.find(id).isEmpty()) {
            throw ApiException.notFound("no run " + id);
        }
        return runs.metrics(id);
    }

    public RunView cancel(long id, Actor actor) {
        Run run = lifecycle.cancel(id, actor);
        if (run.state() == RunState.RUNNING) {
            watchdog.cancelLocal(id, actor.toString());
        }
        return get(id);
    }

    public RunView view(Run run, List<StateChange> history) {
        JsonNode output = run.output() == null ? null : params.parse(run.output());
        return new RunView(run.id(), run.taskId(), run.taskName(), run.taskType(), params.parse(run.params()),
                run.state().wire(), run.trigger(), run.scheduledFor(), run.requestedBy(), run.attempt(),
                run.maxAttempts(), run.nodeId(), run.progressPercent(), run.progressMessage(), output, run.error(),
                run.cancelRequestedAt(), run.cancelRequestedBy(), run.createdAt(), run.startedAt(),
                run.finishedAt(), run.nextAttemptAt(), history);
    }
}

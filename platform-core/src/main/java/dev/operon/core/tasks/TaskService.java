package dev.operon.core.tasks;

import dev.operon.core.api.ApiException;
import dev.operon.core.api.RequestIds;
import dev.operon.core.audit.Actor;
import dev.operon.core.audit.AuditEvent;
import dev.operon.core.audit.AuditService;
import dev.operon.core.runs.NewRun;
import dev.operon.core.runs.Run;
import dev.operon.core.runs.RunLifecycle;
import dev.operon.core.scheduling.Schedules;
import dev.operon.core.scheduling.TaskScheduler;
import dev.operon.sdk.task.TaskDefaults;
import dev.operon.sdk.task.TaskType;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Task definitions: create, change, enable, delete and trigger; each change audited with before and after. */
@ApplicationScoped
public class TaskService {

    static final int PREVIEW_FIRES = 5;

    @Inject
    TaskTypes types;

    @Inject
    TaskParams params;

    @Inject
    TaskScheduler scheduler;

    @Inject
    AuditService audit;

    @Inject
    RunLifecycle lifecycle;

    @Transactional
    public TaskView create(TaskRequest request, Actor actor) {
        if (TaskDefinition.findByName(request.name()) != null) {
            throw ApiException.conflict("a task named '" + request.name() + "' already exists");
        }
        TaskDefinition task = new TaskDefinition();
        task.createdBy = actor.toString();
        task.createdAt = Instant.now();
        task.skippedFires = 0;
        apply(task, request);
        task.persist();
        task.flush();
        scheduler.sync(task, Instant.now());
        TaskView view = view(task);
        audit.record(new AuditEvent(actor, "task.create", "task:" + task.id, AuditEvent.SUCCESS,
                RequestIds.current(), null, auditable(view), null));
        return view;
    }

    @Transactional
    public TaskView replace(String idOrName, TaskRequest request, Actor actor) {
        TaskDefinition task = lockRequired(idOrName);
        TaskDefinition sameName = TaskDefinition.findByName(request.name());
        if (sameName != null && !sameName.id.equals(task.id)) {
            throw ApiException.conflict("a task named '" + request.name() + "' already exists");
        }
        Map<String, Object> before = auditable(view(task));
        apply(task, request);
        task.flush();
        scheduler.sync(task, Instant.now());
        TaskView view = view(task);
        audit.record(new AuditEvent(actor, "task.update", "task:" + task.id, AuditEvent.SUCCESS,
                RequestIds.current(), before, auditable(view), null));
        return view;
    }

    @Transactional
    public TaskView setEnabled(String idOrName, boolean enabled, Actor actor) {
        TaskDefinition task = lockRequired(idOrName);
        if (task.enabled == enabled) {
            return view(task);
        }
        Map<String, Object> before = Map.of("enabled", task.enabled);
        task.enabled = enabled;
        task.updatedAt = Instant.now();
        scheduler.sync(task, Instant.now());
        audit.record(new AuditEvent(actor, enabled ? "task.enable" : "task.disable", "task:" + task.id,
                AuditEvent.SUCCESS, RequestIds.current(), before, Map.of("enabled", enabled), null));
        return view(task);
    }

    /** Deletes a definition; its runs stay (with their task name) for history. */
    @Transactional
    public void delete(String idOrName, Actor actor) {
        TaskDefinition task = lockRequired(idOrName);
        Map<String, Object> before = auditable(view(task));
        scheduler.unschedule(task.id);
        task.delete();
        audit.record(new AuditEvent(actor, "task.delete", "task:" + task.id, AuditEvent.SUCCESS,
                RequestIds.current(), before, null, null));
    }

    @Transactional
    public TaskView get(String idOrName) {
        return view(required(idOrName));
    }

    @Transactional
    public List<TaskView> list(String type, Boolean enabled, int offset, int limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> args = new LinkedHashMap<>();
        if (type != null) {
            query.append(" and type = :type");
            args.put("type", type);
        }
        if (enabled != null) {
            query.append(" and enabled = :enabled");
            args.put("enabled", enabled);
        }
        return TaskDefinition.<TaskDefinition>find(query.toString(), Sort.by("name"), args)
                .range(offset, offset + limit - 1).list().stream().map(this::view).toList();
    }

    /** Queues a run of the definition now, with {@code overrides} set over its parameters. */
    @Transactional
    public Run trigger(String idOrName, JsonNode overrides, Actor actor) {
        TaskDefinition task = required(idOrName);
        TaskType<?, ?> type = types.require(task.type, "type");
        JsonNode merged = params.merge(params.parse(task.params), overrides);
        params.bind(type, merged);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("task", task.name);
        details.put("trigger", "manual");
        if (overrides != null && !overrides.isEmpty()) {
            details.put("overrides", overrides);
        }
        return lifecycle.request(new NewRun(task.id, task.name, task.type, params.write(merged), "manual", null,
                actor.toString(), task.maxRetries + 1, task.retryBackoffSeconds, task.timeoutSeconds,
                task.concurrency), actor, details);
    }

    /** Queues an ad-hoc run of a task type with the type's default policy. */
    public Run runType(String typeId, JsonNode input, Actor actor) {
        TaskType<?, ?> type = types.require(typeId, "type");
        JsonNode given = input == null || input.isNull() ? params.parse("{}") : input;
        params.bind(type, given);
        TaskDefaults defaults = type.defaults();
        return lifecycle.request(new NewRun(null, null, typeId, params.write(given), "manual", null,
                actor.toString(), defaults.maxRetries() + 1, 10, defaults.timeout().toSeconds(),
                defaults.concurrency().name().toLowerCase()), actor, Map.of("type", typeId, "trigger", "manual"));
    }

    private void apply(TaskDefinition task, TaskRequest request) {
        TaskType<?, ?> type = types.require(request.type(), "type");
        JsonNode given = request.params() == null || request.params().isNull()
                ? params.parse("{}") : request.params();
        params.bind(type, given);
        ScheduleSpec schedule = Schedules.validate(request.schedule(), Instant.now());
        TaskDefaults defaults = type.defaults();
        task.name = request.name();
        task.description = request.description() == null ? "" : request.description();
        task.type = request.type();
        task.params = params.write(given);
        task.schedule(schedule);
        task.enabled = request.enabled() == null || request.enabled();
        task.concurrency = request.concurrency() != null ? request.concurrency()
                : defaults.concurrency().name().toLowerCase();
        task.maxRetries = request.maxRetries() != null ? request.maxRetries() : defaults.maxRetries();
        task.retryBackoffSeconds = request.retryBackoffSeconds() != null ? request.retryBackoffSeconds() : 10;
        task.timeoutSeconds = request.timeoutSeconds() != null ? request.timeoutSeconds()
                : defaults.timeout().toSeconds();
        task.updatedAt = Instant.now();
    }

    TaskDefinition required(String idOrName) {
        TaskDefinition task = find(idOrName, false);
        if (task == null) {
            throw ApiException.notFound("no task '" + idOrName + "'");
        }
        return task;
    }

    private TaskDefinition lockRequired(String idOrName) {
        TaskDefinition task = find(idOrName, true);
        if (task == null) {
            throw ApiException.notFound("no task '" + idOrName + "'");
        }
        return task;
    }

    private static TaskDefinition find(String idOrName, boolean lock) {
        TaskDefinition byName = TaskDefinition.findByName(idOrName);
        Long id = byName != null ? byName.id : parseId(idOrName);
        if (id == null) {
            return null;
        }
        return lock ? TaskDefinition.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                : TaskDefinition.findById(id);
    }

    private static Long parseId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    TaskView view(TaskDefinition task) {
        Instant now = Instant.now();
        List<Instant> next = task.enabled ? Schedules.nextFireTimes(task.schedule(), now, PREVIEW_FIRES) : List.of();
        if ("interval".equals(task.scheduleKind) && task.enabled) {
            Instant first = scheduler.nextFire(task.id);
            if (first != null) {
                next = java.util.stream.Stream.iterate(first, t -> t.plusSeconds(task.intervalSeconds))
                        .limit(PREVIEW_FIRES).toList();
            }
        }
        return new TaskView(task.id, task.name, task.description, task.type, params.parse(task.params),
                task.schedule(), task.enabled, task.concurrency, task.maxRetries, task.retryBackoffSeconds,
                task.timeoutSeconds, task.skippedFires, task.lastSkippedAt, next, task.createdBy, task.createdAt,
                task.updatedAt);
    }

    private static Map<String, Object> auditable(TaskView view) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", view.name());
        map.put("type", view.type());
        map.put("params", view.params());
        map.put("schedule", view.schedule());
        map.put("enabled", view.enabled());
        map.put("concurrency", view.concurrency());
        map.put("maxRetries", view.maxRetries());
        map.put("retryBackoffSeconds", view.retryBackoffSeconds());
        map.put("timeoutSeconds", view.timeoutSeconds());
        return map;
    }
}

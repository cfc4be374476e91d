package dev.operon.core.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.operon.core.api.ApiException;
import dev.operon.core.api.Problem;
import dev.operon.core.plugins.PluginRegistry;
import dev.operon.core.runs.Run;
import dev.operon.core.runs.RunFilter;
import dev.operon.core.runs.RunService;
import dev.operon.core.scheduling.Schedules;
import dev.operon.core.security.CurrentActor;
import dev.operon.core.security.Roles;
import dev.operon.core.tasks.ScheduleSpec;
import dev.operon.core.tasks.TaskRequest;
import dev.operon.core.tasks.TaskService;
import dev.operon.core.tasks.TaskTypeResource;
import dev.operon.core.tasks.TaskTypeView;
import dev.operon.core.tasks.TaskView;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Tasks: list, create and edit from the type's schema, schedule preview, enable, disable, delete, run now. */
@Path("/tasks")
@Produces(MediaType.TEXT_HTML)
public class TaskPages {

    static final int PAGE = 50;
    static final String PARAM = "p.";
    /** The task form's own fields, as its problems name them, to the message keys of their labels. */
    private static final Map<String, String> FORM_LABELS = Map.ofEntries(Map.entry("name", "tasks.name"),
            Map.entry("description", "tasks.description"), Map.entry("type", "tasks.type"),
            Map.entry("params", "tasks.params"), Map.entry("schedule.kind", "tasks.scheduleKind"),
            Map.entry("schedule.cron", "tasks.cron"), Map.entry("schedule.timeZone", "tasks.timeZone"),
            Map.entry("schedule.everySeconds", "tasks.everySeconds"), Map.entry("schedule.at", "tasks.at"),
            Map.entry("concurrency", "tasks.concurrency"), Map.entry("maxRetries", "tasks.retries"),
            Map.entry("retryBackoffSeconds", "tasks.backoff"), Map.entry("timeoutSeconds", "tasks.timeout"));

    @Inject
    Pages pages;

    @Inject
    TaskService tasks;

    @Inject
    RunService runs;

    @Inject
    TaskTypeResource types;

    @Inject
    CurrentActor actor;

    @Inject
    Validator validator;

    @Inject
    PluginRegistry registry;

    @Location("console/tasks.html")
    Template list;

    @Location("console/task.html")
    Template detail;

    @Location("console/task-form.html")
    Template form;

    @Location("console/schedule-preview.html")
    Template preview;

    @GET
    @RolesAllowed(Roles.VIEWER)
    public TemplateInstance list(@QueryParam("type") String type, @QueryParam("enabled") String enabled,
                                 @QueryParam("offset") @DefaultValue("0") int offset) {
        Boolean onlyEnabled = "true".equals(enabled) ? Boolean.TRUE : "false".equals(enabled) ? Boolean.FALSE : null;
        String typeFilter = type == null || type.isBlank() ? null : type;
        int from = Math.max(0, offset);
        List<TaskView> found = tasks.list(typeFilter, onlyEnabled, from, PAGE + 1);
        return pages.render(list, "tasks").data("tasks", found.stream().limit(PAGE).toList())
                .data("types", typeIds()).data("type", typeFilter == null ? "" : typeFilter)
                .data("enabled", enabled == null ? "" : enabled)
                .data("previous", from > 0 ? Math.max(0, from - PAGE) : -1)
                .data("next", found.size() > PAGE ? from + PAGE : -1);
    }

    @GET
    @Path("new")
    @RolesAllowed(Roles.OPERATOR)
    public TemplateInstance newTask(@QueryParam("type") String type) {
        TaskTypeView chosen = chosenType(type);
        Map<String, String> values = new HashMap<>();
        values.put("scheduleKind", "manual");
        values.put("enabled", "true");
        return taskForm(chosen, null, values, null);
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> submitted) {
        Map<String, String> values = single(submitted);
        pages.checkCsrf(values.get(Csrf.FIELD), null);
        TaskTypeView type = chosenType(values.get("type"));
        try {
            TaskView created = tasks.create(request(values, type), actor.get());
            return Response.seeOther(URI.create("/tasks/" + created.id())).build();
        } catch (ApiException e) {
            return invalid(taskForm(type, null, values, e));
        }
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    public TemplateInstance show(@PathParam("id") String id) {
        TaskView task = tasks.get(id);
        TaskTypeView type = types.get(task.type());
        return pages.render(detail, "tasks").data("task", task)
                .data("schedule", describe(task.schedule()))
                .data("params", Charts.pretty(task.params()))
                .data("runFields", fields(type, task.params()))
                .data("runs", runs.list(new RunFilter(task.id(), null, null, null, 10)));
    }

    @GET
    @Path("{id}/edit")
    @RolesAllowed(Roles.OPERATOR)
    public TemplateInstance edit(@PathParam("id") String id) {
        TaskView task = tasks.get(id);
        return taskForm(types.get(task.type()), task, values(task), null);
    }

    @POST
    @Path("{id}")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") String id, MultivaluedMap<String, String> submitted) {
        Map<String, String> values = single(submitted);
        pages.checkCsrf(values.get(Csrf.FIELD), null);
        TaskView task = tasks.get(id);
        TaskTypeView type = types.get(task.type());
        values.put("type", task.type());
        try {
            tasks.replace(id, request(values, type), actor.get());
            return Response.seeOther(URI.create("/tasks/" + task.id())).build();
        } catch (ApiException e) {
            return invalid(taskForm(type, task, values, e));
        }
    }

    @POST
    @Path("{id}/enable")
    @RolesAllowed(Roles.OPERATOR)
    public Response enable(@PathParam("id") String id, @org.jboss.resteasy.reactive.RestForm(Csrf.FIELD) String token) {
        pages.checkCsrf(token, null);
        TaskView task = tasks.setEnabled(id, true, actor.get());
        return Response.seeOther(URI.create("/tasks/" + task.id())).build();
    }

    @POST
    @Path("{id}/disable")
    @RolesAllowed(Roles.OPERATOR)
    public Response disable(@PathParam("id") String id,
                            @org.jboss.resteasy.reactive.RestForm(Csrf.FIELD) String token) {
        pages.checkCsrf(token, null);
        TaskView task = tasks.setEnabled(id, false, actor.get());
        return Response.seeOther(URI.create("/tasks/" + task.id())).build();
    }

    @POST
    @Path("{id}/delete")
    @RolesAllowed(Roles.OPERATOR)
    public Response delete(@PathParam("id") String id, @org.jboss.resteasy.reactive.RestForm(Csrf.FIELD) String token) {
        pages.checkCsrf(token, null);
        tasks.delete(id, actor.get());
        return Response.seeOther(URI.create("/tasks")).build();
    }

    /** Runs the task now with the submitted parameters over its own. */
    @POST
    @Path("{id}/run")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response run(@PathParam("id") String id, MultivaluedMap<String, String> submitted) {
        Map<String, String> values = single(submitted);
        pages.checkCsrf(values.get(Csrf.FIELD), null);
        TaskView task = tasks.get(id);
        ObjectNode overrides = params(types.get(task.type()), values);
        Run run = tasks.trigger(id, overrides, actor.get());
        return Response.seeOther(URI.create("/runs/" + run.id())).build();
    }

    /** The next five fire times of the schedule being edited (an htmx fragment). */
    @GET
    @Path("schedule-preview")
    @RolesAllowed(Roles.VIEWER)
    public TemplateInstance schedulePreview(@QueryParam("scheduleKind") String kind, @QueryParam("cron") String cron,
                                            @QueryParam("timeZone") String zone,
                                            @QueryParam("everySeconds") String every,
                                            @QueryParam("at") String at, @QueryParam("misfire") String misfire) {
        Map<String, String> values = new HashMap<>();
        put(values, "scheduleKind", kind);
        put(values, "cron", cron);
        put(values, "timeZone", zone);
        put(values, "everySeconds", every);
        put(values, "at", at);
        put(values, "misfire", misfire);
        Page page = pages.page("tasks");
        TemplateInstance fragment = preview.data("c", page.fieldLabels(formLabels(page, List.of())));
        try {
            ScheduleSpec spec = Schedules.validate(schedule(values), Instant.now());
            return fragment.data("times", Schedules.nextFireTimes(spec, Instant.now(), 5)).data("problem", null)
                    .data("manual", "manual".equals(spec.kind()));
        } catch (ApiException e) {
            return fragment.data("times", List.of()).data("problem", e).data("manual", false);
        }
    }

    /** The type's parameters as form fields, labelled in the page's language by the plugin that declares it. */
    private List<SchemaForm.Field> fields(TaskTypeView type, JsonNode values) {
        return PanelText.forTaskType(registry, type.id(), pages.page("tasks").lang())
                .labels(SchemaForm.fields(type.inputSchema(), values, PARAM));
    }

    private TemplateInstance taskForm(TaskTypeView type, TaskView task, Map<String, String> values, ApiException e) {
        JsonNode params = task != null ? task.params() : null;
        if (e != null) {
            params = paramsAsTyped(type, values);
        }
        List<SchemaForm.Field> fields = fields(type, params);
        Page page = pages.page("tasks");
        return form.data("c", page.fieldLabels(formLabels(page, fields))).data("task", task).data("type", type)
                .data("types", typeViews()).data("v", values).data("fields", fields)
                .data("problem", e).data("scheduleKinds", List.of("manual", "cron", "interval", "once"))
                .data("concurrencies", List.of("allow", "skip", "queue"));
    }

    /** The task form's fields by the names its problems give them (as the API names them), to their labels. */
    private static Map<String, String> formLabels(Page page, List<SchemaForm.Field> params) {
        Map<String, String> labels = new HashMap<>();
        FORM_LABELS.forEach((field, key) -> labels.put(field, page.t(key)));
        params.forEach(field -> labels.put("params." + field.property(), field.label()));
        return labels;
    }

    /** Re-shows what was typed after an error (as text, so nothing is lost). */
    private static JsonNode paramsAsTyped(TaskTypeView type, Map<String, String> values) {
        ObjectNode node = Charts.JSON.createObjectNode();
        values.forEach((k, v) -> {
            if (k.startsWith(PARAM)) {
                node.put(k.substring(PARAM.length()), v);
            }
        });
        return node;
    }

    private static Response invalid(TemplateInstance page) {
        return Pages.html(422, page.render()).build();
    }

    /** The submitted parameters; a field that cannot be read is named {@code params.<name>}, as the API names it. */
    private ObjectNode params(TaskTypeView type, Map<String, String> values) {
        try {
            return SchemaForm.read(type.inputSchema(), values, PARAM, pages.page("tasks"));
        } catch (ApiException e) {
            throw ApiException.invalid(e.errors().stream()
                    .map(error -> new Problem.FieldError("params." + error.field(), error.message())).toList());
        }
    }

    private TaskRequest request(Map<String, String> values, TaskTypeView type) {
        ObjectNode params = params(type, values);
        TaskRequest request = new TaskRequest(values.get("name") == null ? "" : values.get("name").strip(),
                values.getOrDefault("description", ""), type.id(), params, schedule(values),
                values.containsKey("enabled"), blankToNull(values.get("concurrency")),
                integer(values, "maxRetries"), integer(values, "retryBackoffSeconds"),
                integer(values, "timeoutSeconds") == null ? null : integer(values, "timeoutSeconds").longValue());
        List<Problem.FieldError> errors = validator.validate(request).stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(SchemaFormErrors::of).toList();
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return request;
    }

    static ScheduleSpec schedule(Map<String, String> values) {
        String kind = values.getOrDefault("scheduleKind", "manual");
        Long every = null;
        Instant at = null;
        try {
            every = blankToNull(values.get("everySeconds")) == null ? null
                    : Long.parseLong(values.get("everySeconds").strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid("schedule.everySeconds", "must be a whole number of seconds");
        }
        try {
            at = blankToNull(values.get("at")) == null ? null : Instant.parse(values.get("at").strip());
        } catch (java.time.DateTimeException e) {
            throw ApiException.invalid("schedule.at", "must be an ISO-8601 time such as 2030-01-01T09:00:00Z");
        }
        return new ScheduleSpec(kind, blankToNull(values.get("cron")), blankToNull(values.get("timeZone")), every, at,
                blankToNull(values.get("misfire")));
    }

    private static Map<String, String> values(TaskView task) {
        Map<String, String> values = new HashMap<>();
        values.put("name", task.name());
        values.put("description", task.description());
        values.put("type", task.type());
        ScheduleSpec s = task.schedule();
        values.put("scheduleKind", s.kind());
        put(values, "cron", s.cron());
        put(values, "timeZone", s.timeZone());
        put(values, "everySeconds", s.everySeconds() == null ? null : s.everySeconds().toString());
        put(values, "at", s.at() == null ? null : s.at().toString());
        put(values, "misfire", s.misfire());
        if (task.enabled()) {
            values.put("enabled", "true");
        }
        values.put("concurrency", task.concurrency());
        values.put("maxRetries", Integer.toString(task.maxRetries()));
        values.put("retryBackoffSeconds", Integer.toString(task.retryBackoffSeconds()));
        values.put("timeoutSeconds", Long.toString(task.timeoutSeconds()));
        return values;
    }

    private static String describe(ScheduleSpec s) {
        return switch (s.kind()) {
            case "cron" -> s.cron() + (s.timeZone() == null ? " (UTC)" : " (" + s.timeZone() + ")");
            case "interval" -> s.everySeconds() + " s";
            case "once" -> String.valueOf(s.at());
            default -> "";
        };
    }

    private TaskTypeView chosenType(String id) {
        if (id == null || id.isBlank()) {
            List<TaskTypeView> all = typeViews();
            return all.stream().filter(t -> t.id().equals("core.sleep")).findFirst().orElse(all.get(0));
        }
        return types.get(id);
    }

    private List<TaskTypeView> typeViews() {
        return types.list().stream().sorted(Comparator.comparing(TaskTypeView::id)).toList();
    }

    private List<String> typeIds() {
        return typeViews().stream().map(TaskTypeView::id).toList();
    }

    static Map<String, String> single(MultivaluedMap<String, String> form) {
        Map<String, String> values = new HashMap<>();
        if (form != null) {
            form.forEach((k, v) -> {
                if (v != null && !v.isEmpty()) {
                    values.put(k, v.get(v.size() - 1));
                }
            });
        }
        return values;
    }

    private static void put(Map<String, String> values, String key, String value) {
        if (value != null) {
            values.put(key, value);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Integer integer(Map<String, String> values, String key) {
        String text = blankToNull(values.get(key));
        if (text == null) {
            return null;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiException.invalid(key, "must be a whole number");
        }
    }
}

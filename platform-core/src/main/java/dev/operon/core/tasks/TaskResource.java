package dev.operon.core.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.operon.core.runs.RunFilter;
import dev.operon.core.runs.RunService;
import dev.operon.core.runs.RunView;
import dev.operon.core.scheduling.Schedules;
import dev.operon.core.security.CurrentActor;
import dev.operon.core.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/tasks}: task definitions, their schedules and manual triggers. */
@Path("/api/v1/tasks")
public class TaskResource {

    @Inject
    TaskService tasks;

    @Inject
    RunService runs;

    @Inject
    CurrentActor actor;

    @GET
    @RolesAllowed(Roles.VIEWER)
    public List<TaskView> list(@QueryParam("type") String type, @QueryParam("enabled") Boolean enabled,
                               @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                               @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return tasks.list(type, enabled, offset, limit);
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    public Response create(@NotNull @Valid TaskRequest request) {
        TaskView view = tasks.create(request, actor.get());
        return Response.created(URI.create("/api/v1/tasks/" + view.id())).entity(view).build();
    }

    @GET
    @Path("{task}")
    @RolesAllowed(Roles.VIEWER)
    public TaskView get(@PathParam("task") String task) {
        return tasks.get(task);
    }

    @PUT
    @Path("{task}")
    @RolesAllowed(Roles.OPERATOR)
    public TaskView replace(@PathParam("task") String task, @NotNull @Valid TaskRequest request) {
        return tasks.replace(task, request, actor.get());
    }

    @DELETE
    @Path("{task}")
    @RolesAllowed(Roles.OPERATOR)
    public Response delete(@PathParam("task") String task) {
        tasks.delete(task, actor.get());
        return Response.noContent().build();
    }

    @POST
    @Path("{task}/enable")
    @RolesAllowed(Roles.OPERATOR)
    public TaskView enable(@PathParam("task") String task) {
        return tasks.setEnabled(task, true, actor.get());
    }

    @POST
    @Path("{task}/disable")
    @RolesAllowed(Roles.OPERATOR)
    public TaskView disable(@PathParam("task") String task) {
        return tasks.setEnabled(task, false, actor.get());
    }

    /** Runs the task now; the optional body {@code {"params": {...}}} overrides parameters for this run. */
    @POST
    @Path("{task}/runs")
    @RolesAllowed(Roles.OPERATOR)
    public Response trigger(@PathParam("task") String task, TriggerRequest request) {
        var run = tasks.trigger(task, request == null ? null : request.params(), actor.get());
        return Response.created(URI.create("/api/v1/runs/" + run.id())).entity(runs.get(run.id())).build();
    }

    @GET
    @Path("{task}/runs")
    @RolesAllowed(Roles.VIEWER)
    public List<RunView> runs(@PathParam("task") String task, @QueryParam("before") Long before,
                              @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return runs.list(new RunFilter(tasks.get(task).id(), null, null, before, limit));
    }

    /** The next fire times of a schedule, before saving it. */
    @POST
    @Path("schedule-preview")
    @RolesAllowed(Roles.VIEWER)
    public Map<String, Object> preview(@NotNull @Valid ScheduleSpec schedule) {
        ScheduleSpec valid = Schedules.validate(schedule, Instant.now());
        return Map.of("schedule", valid, "nextFireTimes",
                Schedules.nextFireTimes(valid, Instant.now(), TaskService.PREVIEW_FIRES));
    }

    /** Body of a manual trigger. */
    public record TriggerRequest(JsonNode params) {
    }
}

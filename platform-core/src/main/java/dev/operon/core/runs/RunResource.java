package dev.operon.core.runs;

import dev.operon.core.api.ApiException;
import dev.operon.core.security.CurrentActor;
import dev.operon.core.security.Roles;
import dev.operon.core.tasks.TaskService;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** {@code /api/v1/runs}: runs with their state history, logs and cancellation. */
@Path("/api/v1/runs")
public class RunResource {

    @Inject
    RunService runs;

    @Inject
    TaskService tasks;

    @Inject
    CurrentActor actor;

    @GET
    @RolesAllowed(Roles.VIEWER)
    public List<RunView> list(@QueryParam("state") String state, @QueryParam("task") String task,
                              @QueryParam("type") String type, @QueryParam("before") Long before,
                              @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        RunState wanted;
        try {
            wanted = state == null ? null : RunState.of(state);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("state", RunState.choices());
        }
        Long taskId = task == null ? null : tasks.get(task).id();
        return runs.list(new RunFilter(taskId, wanted, type, before, limit));
    }

    /** Runs a task type once without a saved definition: {@code {"type": "core.sleep", "params": {...}}}. */
    @POST
    @RolesAllowed(Roles.OPERATOR)
    public Response create(@NotNull @Valid AdHocRun request) {
        Run run = tasks.runType(request.type(), request.params(), actor.get());
        return Response.created(URI.create("/api/v1/runs/" + run.id())).entity(runs.get(run.id())).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    public RunView get(@PathParam("id") long id) {
        return runs.get(id);
    }

    /** Log lines after {@code after} (a sequence number; 0 for the start), oldest first. */
    @GET
    @Path("{id}/logs")
    @RolesAllowed(Roles.VIEWER)
    public List<LogLine> logs(@PathParam("id") long id, @QueryParam("after") @DefaultValue("0") @Min(0) int after,
                              @QueryParam("limit") @DefaultValue("200") @Min(1) @Max(1000) int limit) {
        return runs.logs(id, after, limit);
    }

    /** The series the run reported (loss per epoch, ...), ordered by series then step. */
    @GET
    @Path("{id}/metrics")
    @RolesAllowed(Roles.VIEWER)
    public List<MetricPoint> metrics(@PathParam("id") long id) {
        return runs.metrics(id);
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed(Roles.OPERATOR)
    public RunView cancel(@PathParam("id") long id) {
        return runs.cancel(id, actor.get());
    }

    /** Body of an ad-hoc run. */
    public record AdHocRun(@NotBlank String type, JsonNode params) {
    }
}

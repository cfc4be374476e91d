package dev.operon.core.tasks;

import dev.operon.core.api.ApiException;
import dev.operon.core.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;

/** {@code /api/v1/task-types}: what can be scheduled, with the schemas that drive forms and validation. */
@Path("/api/v1/task-types")
@RolesAllowed(Roles.VIEWER)
public class TaskTypeResource {

    @Inject
    TaskTypes types;

    @GET
    public List<TaskTypeView> list() {
        return types.all().stream().map(TaskTypeView::of).toList();
    }

    @GET
    @Path("{id}")
    public TaskTypeView get(@PathParam("id") String id) {
        return types.find(id).map(TaskTypeView::of)
                .orElseThrow(() -> ApiException.notFound("no task type '" + id + "'"));
    }
}

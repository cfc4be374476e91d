package dev.operon.core.console;

import dev.operon.core.cluster.NodeDirectory;
import dev.operon.core.cluster.StrandedGpuRuns;
import dev.operon.core.security.Roles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The node registry: every node with its roles, heartbeat, state and running runs, and how many GPU runs wait for a
 * GPU node when none is alive; refreshes itself.
 */
@Path("/nodes")
@Produces(MediaType.TEXT_HTML)
public class NodePages {

    @Inject
    Pages pages;

    @Inject
    NodeDirectory nodes;

    @Inject
    StrandedGpuRuns strandedGpuRuns;

    @Location("console/nodes.html")
    Template list;

    @GET
    @RolesAllowed(Roles.VIEWER)
    public TemplateInstance list() {
        return pages.render(list, "nodes").data("nodes", nodes.list())
                .data("gpuWaiting", strandedGpuRuns.waitingCount());
    }
}

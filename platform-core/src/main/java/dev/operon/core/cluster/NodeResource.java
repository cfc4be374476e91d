package dev.operon.core.cluster;

import dev.operon.core.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;

/** {@code /api/v1/nodes}: the node registry (read-only). */
@Path("/api/v1/nodes")
public class NodeResource {

    @Inject
    NodeDirectory nodes;

    @GET
    @RolesAllowed(Roles.VIEWER)
    public List<NodeView> list() {
        return nodes.list();
    }
}

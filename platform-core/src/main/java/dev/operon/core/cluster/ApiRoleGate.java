package dev.operon.core.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operon.core.api.Problem;
import dev.operon.core.scheduling.NodeIdentity;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * A node without the {@code api} role still binds its HTTP port, for health probes and metrics under {@code /q/},
 * but answers every other request (REST API, console) with 503 and a problem document naming the reason
 * (ADR 0013). A load balancer routes API traffic only to api nodes; this keeps a stray request from being served.
 */
@ApplicationScoped
public class ApiRoleGate {

    @Inject
    ClusterRoles roles;

    @Inject
    NodeIdentity node;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        if (roles.has(NodeRole.API)) {
            return;
        }
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String path = ctx.normalizedPath();
            if (path.equals("/q") || path.startsWith("/q/")) {
                ctx.next();
                return;
            }
            Problem problem = new Problem("/problems/not-an-api-node", "Not an API node", 503, "node "
                    + node.id() + " has the roles " + roles.roles().wire() + " and does not serve the API or the"
                    + " console; send requests to a node with the api role", path, null, null);
            String body;
            try {
                body = json.writeValueAsString(problem);
            } catch (JsonProcessingException e) {
                body = "{\"status\":503,\"title\":\"Not an API node\"}";
            }
            ctx.response().setStatusCode(503).putHeader("Content-Type", Problem.MEDIA_TYPE).end(body);
        });
    }
}

package dev.operon.core.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.operon.core.api.ApiException;
import dev.operon.core.plugins.OperationCalls;
import dev.operon.core.security.CurrentActor;
import dev.operon.core.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/v1/metrics/{name}/points}: a batch of metric points, for ingest keys and operators. The points are
 * stored by the anomaly plugin (its {@code push-points} operation, ADR 0011); this route is the stable, core address
 * for senders, checks the caller and audits the batch once ({@code metrics.points}, target {@code metric:<name>}).
 * Without an active anomaly plugin it answers 503.
 */
@Path("/api/v1/metrics/{name}/points")
public class MetricsResource {

    static final String PLUGIN = "anomaly";
    static final String OPERATION = "push-points";
    static final String AUDIT_ACTION = "metrics.points";

    @Inject
    OperationCalls calls;

    @Inject
    CurrentActor actor;

    @Inject
    ObjectMapper mapper;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.INGEST, Roles.OPERATOR})
    public Object push(@PathParam("name") String name, String body) {
        JsonNode tree = parse(body);
        if (!tree.isObject()) {
            throw new ApiException(400, "malformed-body", "Malformed request body",
                    "the body must be a JSON object with 'points' (and optionally 'labels')", null);
        }
        ObjectNode input = (ObjectNode) tree;
        if (input.has("name")) {
            throw new ApiException(400, "malformed-body", "Malformed request body",
                    "the metric name comes from the path; remove 'name' from the body", null);
        }
        input.put("name", name);
        Map<String, Object> details = new LinkedHashMap<>();
        JsonNode points = input.get("points");
        details.put("points", points != null && points.isArray() ? points.size() : 0);
        return calls.callForCore(PLUGIN, OPERATION, input, actor.get(), AUDIT_ACTION, "metric:" + name, details,
                in -> PointShapes.problems(in.get("points")));
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new ApiException(400, "malformed-body", "Malformed request body", "the body is empty", null);
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "malformed-body", "Malformed request body", "the body is not valid JSON: "
                    + e.getOriginalMessage(), null);
        }
    }
}

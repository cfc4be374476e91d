package dev.operon.core.scheduling.diagnostics;

import dev.operon.core.api.RequestIds;
import dev.operon.core.audit.AuditEvent;
import dev.operon.core.audit.AuditService;
import dev.operon.core.scheduling.NodeIdentity;
import dev.operon.core.security.CurrentActor;
import dev.operon.core.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/diagnostics}: capacity probes for operators. Each call does real work on this node and answers
 * when it is done, so run them on a quiet system and read the two figures side by side.
 */
@Path("/api/v1/diagnostics")
@Tag(name = "Diagnostics", description = "Capacity probes for operators (admin only). They load the node and the"
        + " database while they run; the engine probe leaves its no-op runs in the run history.")
public class DiagnosticsResource {

    @Inject
    SchedulerBaseline baseline;

    @Inject
    EngineThroughput engine;

    @Inject
    AuditService audit;

    @Inject
    CurrentActor actor;

    @Inject
    NodeIdentity node;

    @POST
    @Path("scheduler-baseline")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Capacity probe: bare Quartz throughput",
            description = "Schedules `jobs` bare one-shot jobs (shaped like the engine's run jobs, one transaction"
                    + " each) on this node's clustered Quartz scheduler, waits until all have run and returns the"
                    + " rate. The ceiling that the task engine's throughput is compared with.")
    public BaselineResult schedulerBaseline(
            @QueryParam("jobs") @Parameter(description = "How many jobs to schedule (1 to 20000)",
                    schema = @Schema(minimum = "1", maximum = "20000")) Integer jobs) {
        int count = ProbeSize.check("jobs", jobs);
        BaselineResult result = baseline.measure(count);
        record("diagnostics.scheduler-baseline", result);
        return result;
    }

    @POST
    @Path("engine-throughput")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Capacity probe: task engine throughput",
            description = "Queues `runs` ad-hoc `core.noop` runs through the same path as `POST /api/v1/runs` (run,"
                    + " history, audit record, Quartz job), waits until all have ended and returns the rate and how"
                    + " many did not succeed. The runs stay in the history like any other.")
    public EngineResult engineThroughput(
            @QueryParam("runs") @Parameter(description = "How many runs to queue (1 to 20000)",
                    schema = @Schema(minimum = "1", maximum = "20000")) Integer runs) {
        int count = ProbeSize.check("runs", runs);
        EngineResult result = engine.measure(count, actor.get());
        record("diagnostics.engine-throughput", result);
        return result;
    }

    private void record(String action, Object result) {
        audit.record(new AuditEvent(actor.get(), action, "node:" + node.id(), AuditEvent.SUCCESS,
                RequestIds.current(), null, null, Map.of("result", result)));
    }
}

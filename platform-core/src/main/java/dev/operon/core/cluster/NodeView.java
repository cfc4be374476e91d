package dev.operon.core.cluster;

import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.util.List;

/**
 * One node of the registry as the API and the console show it.
 *
 * @param id            the node id (Quartz instance id; a run's {@code nodeId})
 * @param host          the host name it reported
 * @param roles         its roles, for example {@code [api, scheduler, worker]}
 * @param startedAt     when it registered
 * @param heartbeatAt   its last heartbeat
 * @param state         {@code alive} (a heartbeat within the silence limit) or {@code silent}
 * @param runningRuns   how many runs it is running now
 * @param self          true for the node that answered
 */
@TemplateData
public record NodeView(String id, String host, List<String> roles, Instant startedAt, Instant heartbeatAt,
                       String state, long runningRuns, boolean self) {
}

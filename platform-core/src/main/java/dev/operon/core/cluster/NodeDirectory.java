package dev.operon.core.cluster;

import dev.operon.core.db.Jdbc;
import dev.operon.core.scheduling.NodeIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads the node registry: every registered node with its state and running runs. */
@ApplicationScoped
public class NodeDirectory {

    @Inject
    Jdbc jdbc;

    @Inject
    NodeIdentity node;

    @ConfigProperty(name = "operon.core.node.silence-limit", defaultValue = "30s")
    Duration silenceLimit;

    public List<NodeView> list() {
        String self = node.id();
        return jdbc.list("""
                select n.id, n.host, n.roles, n.started_at, n.heartbeat_at,
                       n.heartbeat_at > now() - ?::interval as alive,
                       (select count(*) from run r where r.state = 'running' and r.node_id = n.id) as running
                from node n order by n.id""", rs -> new NodeView(rs.getString(1), rs.getString(2),
                Arrays.stream(rs.getString(3).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList(),
                rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(),
                rs.getBoolean(6) ? "alive" : "silent", rs.getLong(7), rs.getString(1).equals(self)),
                silenceLimit.toSeconds() + " seconds");
    }
}

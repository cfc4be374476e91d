package dev.operon.core.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** This node's roles, from {@code operon.core.node.roles}; read once, refused at start when unknown. */
@ApplicationScoped
public class ClusterRoles {

    @ConfigProperty(name = "operon.core.node.roles", defaultValue = NodeRoles.DEFAULT)
    String configured;

    private volatile NodeRoles roles;

    public NodeRoles roles() {
        NodeRoles current = roles;
        if (current == null) {
            current = NodeRoles.parse(configured);
            roles = current;
        }
        return current;
    }

    public boolean has(NodeRole role) {
        return roles().has(role);
    }
}

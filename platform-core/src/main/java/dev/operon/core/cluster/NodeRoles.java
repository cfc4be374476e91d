package dev.operon.core.cluster;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The roles of one node, parsed from {@code operon.core.node.roles} (a comma-separated list). */
public record NodeRoles(Set<NodeRole> roles) {

    public static final String DEFAULT = "api,scheduler,worker";

    public NodeRoles {
        roles = Set.copyOf(roles);
    }

    /** The roles named in {@code text}, or an {@link InvalidRoles} whose message fits on one line. */
    public static NodeRoles parse(String text) {
        Set<NodeRole> roles = EnumSet.noneOf(NodeRole.class);
        for (String part : (text == null ? "" : text).split(",")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            NodeRole role = Arrays.stream(NodeRole.values()).filter(r -> r.wire().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new InvalidRoles("operon.core.node.roles (OPERON_NODE_ROLES): unknown role '"
                            + name + "'; known roles: " + known()));
            roles.add(role);
        }
        if (roles.isEmpty()) {
            throw new InvalidRoles("operon.core.node.roles (OPERON_NODE_ROLES) names no role; known roles: "
                    + known());
        }
        return new NodeRoles(roles);
    }

    public boolean has(NodeRole role) {
        return roles.contains(role);
    }

    /** True when this node executes runs of some kind (worker or gpu). */
    public boolean executes() {
        return has(NodeRole.WORKER) || has(NodeRole.GPU);
    }

    /** The roles in their canonical order and spelling, for example {@code api,scheduler,worker}. */
    public String wire() {
        return roles.stream().sorted().map(NodeRole::wire).collect(Collectors.joining(","));
    }

    private static String known() {
        return Arrays.stream(NodeRole.values()).map(NodeRole::wire).collect(Collectors.joining(", "));
    }

    /** A roles setting that names an unknown role, or none. */
    public static final class InvalidRoles extends IllegalArgumentException {
        InvalidRoles(String message) {
            super(message);
        }
    }
}

package dev.operon.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeRolesTest {

    @Test
    void theDefaultIsApiSchedulerWorker() {
        NodeRoles roles = NodeRoles.parse(NodeRoles.DEFAULT);
        assertThat(roles.roles()).containsExactlyInAnyOrder(NodeRole.API, NodeRole.SCHEDULER, NodeRole.WORKER);
        assertThat(roles.executes()).isTrue();
        assertThat(roles.wire()).isEqualTo("api,scheduler,worker");
    }

    @Test
    void spacesCaseAndRepeatsAreForgivenAndTheWireFormIsCanonical() {
        NodeRoles roles = NodeRoles.parse(" GPU , worker,gpu,,Api ");
        assertThat(roles.roles()).containsExactlyInAnyOrder(NodeRole.API, NodeRole.WORKER, NodeRole.GPU);
        assertThat(roles.wire()).isEqualTo("api,worker,gpu");
        assertThat(NodeRoles.parse("scheduler").executes()).isFalse();
    }

    @Test
    void anUnknownRoleIsRefusedWithOneLineNamingItAndTheKnownRoles() {
        assertThatThrownBy(() -> NodeRoles.parse("api,wroker"))
                .isInstanceOf(NodeRoles.InvalidRoles.class)
                .hasMessage("operon.core.node.roles (OPERON_NODE_ROLES): unknown role 'wroker'; known roles: api,"
                        + " scheduler, worker, gpu")
                .hasMessageNotContaining("\n");
    }

    @Test
    void noRoleAtAllIsRefused() {
        assertThatThrownBy(() -> NodeRoles.parse(" , ")).isInstanceOf(NodeRoles.InvalidRoles.class)
                .hasMessageContaining("names no role");
        assertThatThrownBy(() -> NodeRoles.parse(null)).isInstanceOf(NodeRoles.InvalidRoles.class);
    }
}

package dev.operon.core.it.cluster;

import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands the fault tests one {@link Cluster} (one embedded PostgreSQL, three packaged nodes) for the whole test run:
 * it is started by the first test that asks for it and kept in the root store, which closes it when the run ends.
 * Starting a cluster is most of a fault test's time (about a minute on a loaded machine), so the three tests share
 * one instead of starting one each.
 *
 * <p>Before each test the cluster is {@linkplain Cluster#heal() healed}: PostgreSQL is started if a test left it
 * stopped and killed nodes are launched again, so every test starts from three ready nodes whatever ran before it.
 * The failsafe run orders the classes ({@link ClusterTestOrder}) so that the tests that break something run last and
 * healing usually has nothing to do; they hold {@link #LOCK}, so they never overlap one another while the other
 * integration tests run beside them (failsafe runs test classes two at a time).
 */
final class SharedCluster implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedCluster.class);
    static final int SIZE = 3;
    /** Held by every test on the shared cluster: they run one at a time, beside the other integration tests. */
    static final String LOCK = "operon-shared-cluster";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Cluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // the root store closes AutoCloseable values when the whole run ends
        Cluster cluster = context.getRoot().getStore(NAMESPACE).computeIfAbsent("cluster", key -> {
            try {
                return Cluster.start("shared", SIZE, Map.of());
            } catch (Exception e) {
                throw new IllegalStateException("could not start the shared test cluster: " + e.getMessage(), e);
            }
        }, Cluster.class);
        try {
            cluster.heal();
        } catch (Exception e) {
            throw new IllegalStateException("could not bring the shared test cluster back to three ready nodes: "
                    + e.getMessage() + cluster.logs(), e);
        }
        return cluster;
    }
}

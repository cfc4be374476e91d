package dev.operon.core.it.cluster;

/**
 * The order of the fault tests on the shared cluster ({@code @Order} on each class; failsafe runs with
 * {@code ClassOrderer.OrderAnnotation}, see platform-core's pom). They come after every other integration test
 * (which get JUnit's default order, {@code Integer.MAX_VALUE / 2}), so the shared cluster is closed as soon as they
 * end instead of idling through the rest; among them, the ones that break something come last: PostgreSQL is
 * stopped by the second, a node is killed by the third. Each test heals the cluster first anyway, so any order (and
 * any one test alone) works, only slower.
 */
final class ClusterTestOrder {

    static final int EXACTLY_ONCE = Integer.MAX_VALUE / 2 + 10;
    static final int POSTGRES_RESTART = Integer.MAX_VALUE / 2 + 20;
    static final int NODE_KILL = Integer.MAX_VALUE / 2 + 30;

    private ClusterTestOrder() {
    }
}

package dev.operon.core.it.cluster;

/**
 * The order of the fault tests on the shared cluster ({@code @Order} on each class; failsafe runs with
 * {@code ClassOrderer.OrderAnnotation} and two test classes at a time, see platform-core's pom). They come before
 * every other integration test (which get JUnit's default order, {@code Integer.MAX_VALUE / 2}): holding the cluster's
 * lock they run one after the other on one thread, their long waits overlapping with the other tests on the second;
 * the exactly-once test runs alone ({@code @Isolated}, which JUnit runs after the others whatever its order), since a
 * fire that another test's load delays past Quartz's misfire threshold is skipped by policy and would read as missed.
 * Among them, the ones that break something come last: PostgreSQL is stopped by the second, a node is killed by the
 * third. Each test heals the cluster first anyway, so any order (and any one test alone) works, only slower.
 */
final class ClusterTestOrder {

    static final int EXACTLY_ONCE = 10;
    static final int POSTGRES_RESTART = 20;
    static final int NODE_KILL = 30;

    private ClusterTestOrder() {
    }
}

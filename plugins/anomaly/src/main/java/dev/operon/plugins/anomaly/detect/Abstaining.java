package dev.operon.plugins.anomaly.detect;

/**
 * A member that can have no opinion on a point, such as a seasonal member before the series covers its season. An
 * {@link Ensemble} does not count such a member in its Bonferroni bound for that point: only the tests actually made
 * are paid for.
 */
interface Abstaining {

    /** Whether the member had no opinion on the point it scored last. */
    boolean abstained();
}

package dev.operon.plugins.anomaly.scoring;

import java.util.List;

/** Makes the online detector a series is scored with, from its configured name and sensitivity. */
public interface DetectorFactory {

    /** An online scorer: one call per point, in time order; the likelihood of the point in [0, 1]. */
    @FunctionalInterface
    interface Scorer {
        double score(long timestampMillis, double value);
    }

    /** The detector names a series may be configured with. */
    List<String> names();

    /** The name used when a series configures none. */
    String defaultName();

    /**
     * A fresh detector.
     *
     * @throws IllegalArgumentException for an unknown name or a sensitivity out of range
     */
    Scorer create(String name, double sensitivity);
}

package dev.operon.plugins.anomaly.detect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The catalogue of detectors, by name. Every name gives the same configuration for every series (no per-series
 * tuning); only {@link DetectorSettings#sensitivity()} varies per series.
 */
public final class Detectors {

    /** The detector used when none is named: the ensemble. */
    public static final String DEFAULT = "ensemble";

    private static final Map<String, Supplier<SeriesDetector>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("ensemble", Detectors::ensemble);
        FACTORIES.put("mad", Detectors::mad);
    }

    private Detectors() {
    }

    /** The names {@link #create(String)} accepts, the default first. */
    public static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    /** Whether {@code name} is a known detector. */
    public static boolean exists(String name) {
        return FACTORIES.containsKey(name);
    }

    /** A new detector for one series with neutral settings. */
    public static SeriesDetector create(String name) {
        return create(name, DetectorSettings.DEFAULTS);
    }

    /**
     * A new detector for one series.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static SeriesDetector create(String name, DetectorSettings settings) {
        Supplier<SeriesDetector> factory = FACTORIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown detector '" + name + "'; known: " + String.join(", ", names()));
        }
        SeriesDetector detector = factory.get();
        return settings.sensitivity() == 1.0 ? detector : new SensitivityAdjusted(detector, settings);
    }

    private static SeriesDetector mad() {
        return new CalibratedDetector(new MadScorer(400, 20), new TailLikelihood(1000, 8, 50));
    }

    private static SeriesDetector ensemble() {
        // for now the rolling median and MAD alone; seasonal and learned members join here
        return mad();
    }
}

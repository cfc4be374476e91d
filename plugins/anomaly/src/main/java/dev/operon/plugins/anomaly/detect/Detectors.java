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
        FACTORIES.put("rarity", Detectors::rarity);
        FACTORIES.put("seasonal", Detectors::seasonal);
        FACTORIES.put("forecast", Detectors::forecast);
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

    private static SeriesDetector rarity() {
        return new RarityDetector(RarityDetector.Feature.VALUE, 2000, 100);
    }

    private static SeriesDetector seasonal() {
        return new SeasonalDetector(12_000, 2000, 100);
    }

    private static SeriesDetector forecast() {
        return new ForecastDetector(500, 2000, 100);
    }

    private static SeriesDetector gated(SeriesDetector... members) {
        return new EpisodeGate(new Ensemble(List.of(members)), 200, 0.0);
    }

    private static SeriesDetector rarity(RarityDetector.Feature f) {
        return new RarityDetector(f, 2000, 100);
    }

    /**
     * The default: rarity of the value and of the mean of the last few values against the series' history, episodes
     * reported once. The MAD and seasonal detectors lowered its NAB score when added as members (see
     * docs/benchmarks.md), so they are offered on their own.
     */
    private static SeriesDetector ensemble() {
        return gated(rarity(), rarity(RarityDetector.Feature.RECENT_MEAN));
    }
}

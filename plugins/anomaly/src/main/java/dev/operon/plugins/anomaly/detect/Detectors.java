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

    /** Points a new series only learns from. */
    private static final int WARM_UP = 150;
    /** Points after an alarm during which a weaker one is not reported. */
    private static final int GATE_MEMORY = 150;

    private static final Map<String, Supplier<SeriesDetector>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("ensemble", Detectors::ensemble);
        FACTORIES.put("ensemble-continuous", () -> new Ensemble(defaultMembers()));
        FACTORIES.put("mad", Detectors::mad);
        FACTORIES.put("rarity", Detectors::rarity);
        FACTORIES.put("seasonal", Detectors::seasonal);
        FACTORIES.put("forecast", Detectors::forecast);
        FACTORIES.put("rarity-gated", Detectors::rarityGated);
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

    private static ContextDetector contextNovelty() {
        return new ContextDetector(16, 6, 65_536);
    }

    /** The default before the context member was added (kept for comparison). */
    private static SeriesDetector rarityGated() {
        return new EpisodeGate(new Ensemble(defaultMembers()), 200, 0.0);
    }

    private static SeriesDetector rarity(RarityDetector.Feature f) {
        return new RarityDetector(f, 2000, 100);
    }

    /**
     * The default: the mean of two views of a point, each episode reported once. One view is the rarity of the value
     * and of the mean of the last few values against the series' history (spikes, new highs and lows, shifts); the
     * other is context novelty (a sequence of levels never seen: changes of shape inside the usual range). The MAD
     * and seasonal detectors lowered the NAB score when added as members (see docs/benchmarks.md), so they are
     * offered on their own.
     */
    private static SeriesDetector ensemble() {
        SeriesDetector both = new Mean(List.of(contextNovelty(), new Ensemble(defaultMembers())));
        return new WarmUp(new EpisodeGate(both, GATE_MEMORY, 0.0), WARM_UP);
    }

    /**
     * The default's members. {@code ensemble-continuous} is the same without the episode gate: its likelihood stays
     * high for as long as the series stays unusual, for alert rules with a minimum duration.
     */
    private static List<SeriesDetector> defaultMembers() {
        return List.of(rarity(), rarity(RarityDetector.Feature.RECENT_MEAN));
    }
}

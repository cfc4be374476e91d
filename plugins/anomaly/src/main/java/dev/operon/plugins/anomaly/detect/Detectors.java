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
        FACTORIES.put("ensemble-continuous", () -> new Ensemble(rarityMembers()));
        FACTORIES.put("mad", Detectors::mad);
        FACTORIES.put("rarity", Detectors::rarity);
        FACTORIES.put("seasonal", Detectors::seasonal);
        FACTORIES.put("seasonal-shift", Detectors::seasonalShift);
        FACTORIES.put("forecast", Detectors::forecast);
        FACTORIES.put("context-rarity", Detectors::contextRarity);
        FACTORIES.put("rarity-gated", Detectors::rarityGated);
        FACTORIES.put("gan", Detectors::gan);
        FACTORIES.put("artime", () -> new ArtimeDetector(300));
        FACTORIES.put("cad-ose", Detectors::cadOse);
        FACTORIES.put("artime-cad", () -> new Maximum(List.of(new ArtimeDetector(300), cadOse())));
        FACTORIES.put("ensemble-gan", Detectors::ensembleGan);
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

    /**
     * Sustained departures from the seasonal expectation (hours of a drop or a surge), evidence accumulated by a
     * CUSUM in each direction: 1.5 robust standard deviations of allowance per point, at most 4 from one point; 2,000
     * residuals remembered, 100 before it standardises and 100 more before it speaks.
     */
    private static SeriesDetector seasonalShift() {
        return new SeasonalShiftDetector(12_000, 1.5, 4.0, 2000, 100);
    }

    private static SeriesDetector forecast() {
        return new ForecastDetector(500, 2000, 100);
    }

    /**
     * CAD OSE with its published parameters (3 bits, rest period 30, left halves of at most 7 facts, 15 active
     * contexts); the range seen so far instead of the file's range. Memory: the last 2,000 points are kept to relearn
     * from when the range widens (as many as the rarity members keep), at most 20,000 contexts.
     */
    private static SeriesDetector cadOse() {
        return new CadOseDetector(30, 20_000, 2_000, new RangeSteps(3));
    }

    private static SeriesDetector gan() {
        return gated(new GanDetector(500, 2000, 100));
    }

    /** The default with the GAN as one more rarity member (measured, see docs/benchmarks.md). */
    private static SeriesDetector ensembleGan() {
        List<SeriesDetector> members = new java.util.ArrayList<>(defaultMembers());
        members.add(new GanDetector(500, 2000, 100));
        return magnitudeGated(new Mean(List.of(contextNovelty(), new Ensemble(members))));
    }

    /** The default of the second round: the default without the seasonal member (kept for comparison). */
    private static SeriesDetector contextRarity() {
        SeriesDetector rarities = new Ensemble(List.of(rarity(), rarity(RarityDetector.Feature.RECENT_MEAN)));
        return gated(new Mean(List.of(contextNovelty(), rarities)));
    }

    /** One report per episode (the likelihood-only gate), after a warm-up that only teaches. */
    private static SeriesDetector gated(SeriesDetector inner) {
        return new WarmUp(new EpisodeGate(inner, GATE_MEMORY, 0.0), WARM_UP);
    }

    /**
     * One report per episode with the magnitude-aware gate ({@link EpisodeGate}): a point at least twice as far from
     * the series' median as any point in the gate's memory is reported even when its saturated likelihood does not
     * beat the memory's, and the few ordinary points that echo a reported spike are not. The default's gate since
     * 2026-12-02 (NAB not lower, see docs/benchmarks.md); {@code gan} and the kept comparisons keep the
     * likelihood-only gate.
     */
    private static SeriesDetector magnitudeGated(SeriesDetector inner) {
        return new WarmUp(new EpisodeGate(inner, GATE_MEMORY, 0.0, true), WARM_UP);
    }

    private static ContextDetector contextNovelty() {
        return new ContextDetector(16, 6, 65_536);
    }

    /** The default before the context member was added (kept for comparison). */
    private static SeriesDetector rarityGated() {
        return new EpisodeGate(new Ensemble(rarityMembers()), 200, 0.0);
    }

    private static SeriesDetector rarity(RarityDetector.Feature f) {
        return new RarityDetector(f, 2000, 100);
    }

    /**
     * The default: the mean of two views of a point, each episode reported once. One view is the rarity of the value,
     * of the mean of the last few values and of the seasonal residual against the series' history (spikes, new highs
     * and lows, shifts, a day that departs from the previous days); the other is context novelty (a sequence of
     * levels never seen: changes of shape inside the usual range); the gate is magnitude-aware, so a clearly bigger
     * spike soon after a smaller one is still reported and a spike's echo is not. The MAD detector lowered the NAB score as a
     * member, and the GAN member is offered apart (`gan`, `ensemble-gan`; see docs/benchmarks.md).
     */
    private static SeriesDetector ensemble() {
        return magnitudeGated(new Mean(List.of(contextNovelty(), new Ensemble(defaultMembers()))));
    }

    /**
     * The default's rarity members: the value, the mean of the last few values, and the seasonal residual (daily and
     * weekly; abstains until the series covers two days), calibrated against its own alarm rate.
     */
    private static List<SeriesDetector> defaultMembers() {
        return List.of(rarity(), rarity(RarityDetector.Feature.RECENT_MEAN), new Recalibrated(seasonal(), 2000, 100));
    }

    /**
     * The value and recent-mean rarity members. {@code ensemble-continuous} combines them without any gate: its
     * likelihood stays high for as long as the series stays unusual, for alert rules with a minimum duration.
     */
    private static List<SeriesDetector> rarityMembers() {
        return List.of(rarity(), rarity(RarityDetector.Feature.RECENT_MEAN));
    }
}

package dev.operon.plugins.behaviour;

import dev.operon.plugins.behaviour.personas.PersonaSettings;
import dev.operon.plugins.behaviour.segments.RefreshSettings;
import dev.operon.plugins.behaviour.segments.SegmentOperations;
import dev.operon.sdk.config.ConfigProperty;
import dev.operon.sdk.config.ConfigType;
import java.util.List;

/** Configuration keys of segments and personas ({@code operon.plugin.behaviour.<key>}); see the README. */
final class BehaviourConfig {

    private BehaviourConfig() {
    }

    static List<ConfigProperty> segmentsAndPersonas() {
        return List.of(
                ConfigProperty.of(RefreshSettings.FEATURE_WINDOWS, ConfigType.BOOLEAN, "true",
                        "Serve event counts over exactly 7, 30 or 90 days without property filters from the profile's"
                                + " computed counts instead of reading events"),
                ConfigProperty.of(RefreshSettings.PER_PROFILE_READS, ConfigType.INTEGER, "500",
                        "Up to this many changed profiles a refresh reads events per profile; above, in one pass")
                        .between(0, 1_000_000),
                ConfigProperty.of(RefreshSettings.EVENT_OVERLAP, ConfigType.INTEGER, "1000",
                        "Event ids before the cursor read again by each refresh (events committed late)")
                        .between(0, 10_000_000),
                ConfigProperty.of(RefreshSettings.FULL_EVERY_HOURS, ConfigType.INTEGER, "24",
                        "A refresh evaluates every profile at least this often (hours)").between(1, 24 * 365),
                ConfigProperty.of(RefreshSettings.FULL_ABOVE_PERCENT, ConfigType.INTEGER, "50",
                        "An incremental refresh that would re-evaluate more than this percentage of the profiles runs"
                                + " as a full pass (100: never)").between(1, 100),
                ConfigProperty.of(SegmentOperations.PREVIEW_MAX_PROFILES, ConfigType.INTEGER, "20000",
                        "A preview is exact up to this many profiles, else estimated from a sample of this size")
                        .between(100, 10_000_000),
                ConfigProperty.of(PersonaSettings.K, ConfigType.INTEGER, "0",
                        "Number of personas; 0 chooses it by silhouette between 2 and persona-max-k").between(0, 50),
                ConfigProperty.of(PersonaSettings.MAX_K, ConfigType.INTEGER, "8",
                        "Largest number of personas tried when choosing by silhouette").between(2, 50),
                ConfigProperty.of(PersonaSettings.EMBEDDING, ConfigType.INTEGER, "8",
                        "Size of the learned user embedding").between(2, 64),
                ConfigProperty.of(PersonaSettings.EPOCHS, ConfigType.INTEGER, "40",
                        "Training epochs of the persona autoencoder").between(1, 1000),
                ConfigProperty.of(PersonaSettings.VOCABULARY, ConfigType.INTEGER, "24",
                        "Most frequent event names the persona model reads (the rest count as 'other')")
                        .between(2, 200),
                ConfigProperty.of(PersonaSettings.LOOKBACK_DAYS, ConfigType.INTEGER, "180",
                        "Days of events the persona model learns from").between(1, 3650),
                ConfigProperty.of(PersonaSettings.SEED, ConfigType.INTEGER, "42",
                        "Seed of the initial weights, the shuffling and k-means++"));
    }
}

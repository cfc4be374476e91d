package dev.operon.plugins.behaviour.segments;

import dev.operon.sdk.config.PluginConfig;
import java.time.Duration;

/**
 * How refreshes work, from the plugin's configuration (keys in {@code BehaviourConfig}).
 *
 * @param featureWindows  read 7/30/90-day counts without property filters from the profile's features
 * @param perProfileReads up to this many changed profiles, events are read per profile; above, in one pass
 * @param eventOverlap    how many event ids before the cursor are read again (late commits)
 * @param fullEvery       a full pass at least this often, whatever changed
 * @param fullAbovePercent an incremental refresh that would re-evaluate more than this share of the profiles (an
 *                        upper estimate) runs as a full pass instead; 100 never
 */
public record RefreshSettings(boolean featureWindows, int perProfileReads, long eventOverlap, Duration fullEvery,
                              int fullAbovePercent) {

    public static final String FEATURE_WINDOWS = "segment-feature-windows";
    public static final String PER_PROFILE_READS = "segment-per-profile-reads";
    public static final String EVENT_OVERLAP = "segment-event-overlap";
    public static final String FULL_EVERY_HOURS = "segment-full-refresh-hours";
    public static final String FULL_ABOVE_PERCENT = "segment-full-above-percent";

    public static RefreshSettings from(PluginConfig config) {
        return new RefreshSettings(config.getBoolean(FEATURE_WINDOWS), config.getInt(PER_PROFILE_READS),
                config.getInt(EVENT_OVERLAP), Duration.ofHours(config.getInt(FULL_EVERY_HOURS)),
                config.getInt(FULL_ABOVE_PERCENT));
    }
}

package dev.operon.plugins.behaviour.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.operon.plugins.behaviour.BehaviourPlugin;
import dev.operon.plugins.behaviour.segments.SegmentEvents;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.testkit.PluginTestKit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What counts as a user's activity for churn: what the user did, not the segment events the plugin writes. */
class ActivitySnapshotTest {

    static final Instant CUTOFF = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void segmentEventsNeitherKeepAUserActiveNorCountAsFeatures() {
        try (PluginTestKit kit = PluginTestKit.start(new BehaviourPlugin())) {
            for (long id = 1; id <= 2; id++) {
                kit.profiles().put(new Profile(id, "u" + id, List.of(), Map.of(), null,
                        new Consent(Map.of(Consent.ANALYTICS, true)), Map.of(), CUTOFF.minus(Duration.ofDays(30)),
                        CUTOFF));
                kit.events().track(id, "Page Viewed", CUTOFF.minus(Duration.ofDays(3)), Map.of());
            }
            // 1 comes back after the cutoff; 2 only enters the lapsing segment (the plugin's event, not the user's)
            kit.events().track(1, "Page Viewed", CUTOFF.plus(Duration.ofDays(2)), Map.of());
            kit.events().track(2, SegmentEvents.ENTERED, CUTOFF.plus(Duration.ofDays(2)), Map.of("segment", "7"));
            kit.events().track(2, SegmentEvents.EXITED, CUTOFF.minus(Duration.ofDays(1)), Map.of("segment", "3"));

            assertEquals(Set.of(1L), ActivitySnapshot.activeBetween(kit.events(), CUTOFF,
                    CUTOFF.plus(Duration.ofDays(7))));
            ActivitySnapshot before = ActivitySnapshot.of(kit.events(), CUTOFF, Duration.ofDays(30), "revenue");
            Map<String, String> features = before.features(kit.profiles().get(2).orElseThrow(), null, null);
            assertEquals("1", features.get("events"));
            assertEquals("3", features.get("days_since_last_seen").replaceAll("\\..*", ""));
            assertEquals(List.of("Page Viewed"), before.topEventNames(5));
        }
    }
}

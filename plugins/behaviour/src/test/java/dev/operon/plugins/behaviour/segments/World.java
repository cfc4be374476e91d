package dev.operon.plugins.behaviour.segments;

import dev.operon.plugins.behaviour.BehaviourPlugin;
import dev.operon.sdk.events.Event;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.profiles.ProfileFeatures;
import dev.operon.sdk.profiles.Profiles;
import dev.operon.sdk.testkit.PluginTestKit;
import dev.operon.sdk.testkit.TestProfiles;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A test world: the plugin in the test kit, profiles and events, and a clock the tests move. Refreshes run through
 * {@link SegmentRefresher} with that clock; everything else goes through the kit's operations.
 */
public final class World implements AutoCloseable {

    public static final Consent NO_ANALYTICS = new Consent(Map.of(Consent.ANALYTICS, false, Consent.MARKETING, true));

    public final PluginTestKit kit;
    public Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    public World(Map<String, String> config) {
        kit = PluginTestKit.start(new BehaviourPlugin(), config);
    }

    public World() {
        // no periodic full pass in tests that move the clock by days: the incremental path must do the work
        // and no event-id overlap, so that only profiles with really new events are re-evaluated; small worlds
        // often change more than half their profiles, which must not turn a refresh into a full pass here
        this(Map.of("segment-feature-windows", "false", "segment-full-refresh-hours", "8760",
                "segment-event-overlap", "0", "segment-full-above-percent", "100"));
    }

    public Profile profile(long id, Map<String, Object> traits) {
        return profile(id, traits, ProfileFeatures.none(now), TestProfiles.ALLOW_ALL);
    }

    public Profile profile(long id, Map<String, Object> traits, ProfileFeatures features, Consent consent) {
        Profile existing = kit.profiles().get(id).orElse(null);
        Instant created = existing == null ? now : existing.createdAt();
        return kit.profiles().put(new Profile(id, "user-" + id, List.of("anon-" + id), traits, features, consent,
                existing == null ? Map.of() : existing.scores(), created, now));
    }

    public Profile consent(long id, Consent consent) {
        Profile p = kit.profiles().get(id).orElseThrow();
        return kit.profiles().put(new Profile(id, p.userId(), p.anonymousIds(), p.traits(), p.features(), consent,
                p.scores(), p.createdAt(), now));
    }

    public Event event(long profileId, String name, Duration ago, Map<String, Object> properties) {
        return kit.events().track(profileId, name, now.minus(ago), properties);
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    public RefreshResult refresh(boolean full) throws Exception {
        return refresh(full, kit.profiles());
    }

    /** A refresh reading the kit's profiles through {@code profiles} (a wrapper that counts the reads). */
    public RefreshResult refresh(boolean full, Profiles profiles) throws Exception {
        return new SegmentRefresher(kit.data(), kit.events(), profiles, RefreshSettings.from(kit.config()))
                .refresh(now, full, (p, m) -> { }, () -> false);
    }

    public long createSegment(String name, String rule) throws Exception {
        SegmentOperations.SegmentView view = kit.call("create-segment",
                Map.of("name", name, "description", "", "rule", rule));
        return view.id();
    }

    /** Runs one SQL statement on the plugin's database. */
    public void execute(String sql) throws Exception {
        try (Connection c = kit.data().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Segment id to member profile ids, read from the table. */
    public Map<Long, Set<Long>> members() throws Exception {
        Map<Long, Set<Long>> out = new HashMap<>();
        try (Connection c = kit.data().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT segment_id, profile_id FROM behaviour_segment_member")) {
            while (r.next()) {
                out.computeIfAbsent(r.getLong(1), k -> new HashSet<>()).add(r.getLong(2));
            }
        }
        return out;
    }

    public Set<Long> members(long segmentId) throws Exception {
        return members().getOrDefault(segmentId, Set.of());
    }

    /** Emitted segment events: "Entered 3 p7" lines. */
    public List<String> emitted() {
        return kit.events().all().stream().filter(e -> e.name() != null && e.name().startsWith("Segment "))
                .map(e -> e.name().substring("Segment ".length()) + " " + e.properties().get("segment_id") + " p"
                        + e.profileId()).toList();
    }

    @Override
    public void close() {
        kit.close();
    }
}

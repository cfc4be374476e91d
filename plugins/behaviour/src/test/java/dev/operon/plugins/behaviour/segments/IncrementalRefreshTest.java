package dev.operon.plugins.behaviour.segments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.behaviour.segments.rules.MeasureStats;
import dev.operon.plugins.behaviour.segments.rules.RuleCompiler;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.ProfileFeatures;
import dev.operon.sdk.profiles.Profile;
import dev.operon.sdk.profiles.ProfileQuery;
import dev.operon.sdk.profiles.Profiles;
import dev.operon.sdk.testkit.TestProfiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Random worlds changing over simulated weeks: after every incremental refresh the stored memberships equal a
 * recomputation from scratch, and a forced full pass at the end finds nothing to change.
 */
class IncrementalRefreshTest {

    private static final List<String> RULES = List.of(
            "{\"all\":[{\"event\":\"Order Completed\",\"count\":{\"gte\":2},\"within\":\"P10D\"},"
                    + "{\"trait\":\"plan\",\"eq\":\"pro\"}]}",
            "{\"event\":\"Order Completed\",\"count\":{\"gte\":1},\"within\":\"P3D\",\"where\":{\"property\":"
                    + "\"amount\",\"gte\":50}}",
            "{\"event\":\"Page Viewed\",\"lastSeen\":{\"before\":\"P5D\"}}",
            "{\"any\":[{\"event\":\"Signed Up\",\"firstSeen\":{\"within\":\"P4D\"}},{\"trait\":\"country\","
                    + "\"in\":[\"FR\"]}]}",
            "{\"not\":{\"event\":\"Page Viewed\",\"count\":{\"gte\":3},\"within\":\"PT36H\"}}");

    @Test
    void incrementalRefreshesEqualRecomputingFromScratch() throws Exception {
        Random random = new Random(11);
        try (World w = new World()) {
            int profiles = 150;
            for (long id = 1; id <= profiles; id++) {
                w.profile(id, traits(random));
                for (int i = random.nextInt(6); i > 0; i--) {
                    randomEvent(w, random, id, 20);
                }
            }
            List<Long> segments = new ArrayList<>();
            for (int i = 0; i < RULES.size(); i++) {
                segments.add(w.createSegment("s" + i, RULES.get(i)));
            }
            segments.add(w.createSegment("ref", "{\"all\":[{\"segment\":" + segments.get(1) + "},{\"not\":"
                    + "{\"segment\":" + segments.get(2) + "}}]}"));
            assertEquals("full", w.refresh(false).mode());
            assertEquals(expected(w), w.members());
            long incrementalEvaluated = 0;
            int changed = 0;
            for (int round = 0; round < 25; round++) {
                w.advance(Duration.ofHours(2 + random.nextInt(30)));
                for (int i = random.nextInt(8); i > 0; i--) {
                    randomEvent(w, random, 1 + random.nextInt(profiles), 1);
                }
                for (int i = random.nextInt(3); i > 0; i--) {
                    long id = 1 + random.nextInt(profiles);
                    w.profile(id, traits(random), ProfileFeatures.none(w.now),
                            random.nextInt(4) == 0 ? World.NO_ANALYTICS : TestProfiles.ALLOW_ALL);
                }
                RefreshResult r = w.refresh(false);
                assertEquals("incremental", r.mode());
                incrementalEvaluated += r.profilesEvaluated();
                changed += (int) (r.entered() + r.exited());
                assertEquals(expected(w), w.members(), "after round " + round);
            }
            assertTrue(changed > 20, "the rounds changed memberships: " + changed);
            // the short windows of these rules make many profiles due in most rounds; still fewer than full passes
            assertTrue(incrementalEvaluated < 25L * profiles,
                    "incremental refreshes evaluated only part of the profiles: " + incrementalEvaluated);
            RefreshResult full = w.refresh(true);
            assertEquals(0, full.entered() + full.exited());
        }
    }

    @Test
    void aLargeChangeSetIsReadInOnePassWithoutReadingProfilesOneByOne() throws Exception {
        try (World w = fortyProfilesAndTwelveNewEvents(new Random(5), "100")) {
            w.profile(13, Map.of("plan", "pro", "country", "FR"));
            CountingProfiles counting = new CountingProfiles(w.kit.profiles());
            RefreshResult r = w.refresh(false, counting);
            assertEquals("incremental", r.mode());
            assertTrue(r.why().contains("one pass"), r.why());
            assertEquals(0, counting.gets, "no profile read one at a time");
            assertTrue(counting.streams <= 1, "at most one stream of profiles: " + counting.streams);
            assertTrue(r.profilesEvaluated() >= 13, "evaluated " + r.profilesEvaluated());
            assertEquals(expected(w), w.members());
            RefreshResult full = w.refresh(true);
            assertEquals(0, full.entered() + full.exited(), "a full pass afterwards finds nothing to change");
        }
    }

    @Test
    void aChangeSetAboveTheConfiguredShareRunsAsAFullPass() throws Exception {
        try (World w = fortyProfilesAndTwelveNewEvents(new Random(8), "25")) {
            RefreshResult r = w.refresh(false);
            assertEquals("full", r.mode(), r.why());
            assertTrue(r.why().contains("above 25 %"), r.why());
            assertEquals(40, r.profilesEvaluated());
            assertEquals(expected(w), w.members());
            assertEquals("incremental", w.refresh(false).mode(), "nothing changed since: back to incremental");
        }
    }

    /** The kit's profiles, counting how they are read. */
    private static final class CountingProfiles implements Profiles {
        private final Profiles profiles;
        int gets;
        int streams;

        CountingProfiles(Profiles profiles) {
            this.profiles = profiles;
        }

        @Override
        public Optional<Profile> get(long profileId) {
            gets++;
            return profiles.get(profileId);
        }

        @Override
        public Optional<Profile> resolve(String userIdOrAnonymousId) {
            return profiles.resolve(userIdOrAnonymousId);
        }

        @Override
        public void forEach(ProfileQuery query, Consumer<Profile> action) {
            streams++;
            profiles.forEach(query, action);
        }

        @Override
        public long count(ProfileQuery query) {
            return profiles.count(query);
        }

        @Override
        public void putScores(long profileId, String name, Map<String, Object> values) {
            profiles.putScores(profileId, name, values);
        }
    }

    private static Map<String, Object> traits(Random random) {
        Map<String, Object> traits = new HashMap<>();
        traits.put("plan", random.nextBoolean() ? "pro" : "free");
        traits.put("country", List.of("FR", "DE", "US").get(random.nextInt(3)));
        return traits;
    }

    private static void randomEvent(World w, Random random, long profileId, int maxDaysAgo) {
        String name = List.of("Order Completed", "Page Viewed", "Page Viewed", "Signed Up").get(random.nextInt(4));
        Duration ago = Duration.ofMinutes(random.nextInt(maxDaysAgo * 24 * 60 + 1));
        w.event(profileId, name, ago, Map.of("amount", random.nextInt(100)));
    }

    /** Memberships recomputed from nothing: every profile allowing analytics, every event. */
    private static Map<Long, Set<Long>> expected(World w) throws Exception {
        SegmentStore store = new SegmentStore(w.kit.data());
        RuleCompiler.SegmentGraph graph = store.graph();
        List<SegmentEvaluator.Entry> entries = new ArrayList<>();
        for (Segment s : store.all()) {
            entries.add(new SegmentEvaluator.Entry(s.id(), s.name(),
                    RuleCompiler.compile(s.rule(), "rule", s.id(), graph, false)));
        }
        SegmentEvaluator evaluator = new SegmentEvaluator(entries);
        EventScan scan = new EventScan(evaluator.measures(), w.now);
        Map<Long, MeasureStats[]> stats = scan.scanAll(w.kit.events(), id -> true);
        Map<Long, Set<Long>> out = new HashMap<>();
        w.kit.profiles().forEach(ProfileQuery.all().allowing(Consent.ANALYTICS), p -> {
            for (long segment : evaluator.evaluate(p, stats.get(p.id()), scan, w.now.toEpochMilli()).segments()) {
                out.computeIfAbsent(segment, k -> new HashSet<>()).add(p.id());
            }
        });
        return out;
    }

    /**
     * Forty profiles in every segment's reach, refreshed twice (so that nothing is pending), then new events for
     * twelve of them: a change set far above {@code segment-per-profile-reads} (3).
     */
    private static World fortyProfilesAndTwelveNewEvents(Random random, String fullAbovePercent) throws Exception {
        World w = new World(Map.of("segment-feature-windows", "false", "segment-per-profile-reads", "3",
                "segment-full-refresh-hours", "8760", "segment-full-above-percent", fullAbovePercent,
                "segment-event-overlap", "0"));
        try {
            for (long id = 1; id <= 40; id++) {
                w.profile(id, traits(random));
                randomEvent(w, random, id, 5);
            }
            for (int i = 0; i < RULES.size(); i++) {
                w.createSegment("s" + i, RULES.get(i));
            }
            w.refresh(false);
            w.advance(Duration.ofHours(30));
            w.refresh(false);   // the profiles created before the first refresh count as changed once more
            w.advance(Duration.ofHours(1));
            for (long id = 1; id <= 12; id++) {
                randomEvent(w, random, id, 1);
            }
            return w;
        } catch (Exception | AssertionError e) {
            w.close();
            throw e;
        }
    }
}

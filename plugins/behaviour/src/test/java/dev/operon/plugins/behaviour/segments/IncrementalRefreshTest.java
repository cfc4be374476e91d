package dev.operon.plugins.behaviour.segments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.plugins.behaviour.segments.rules.MeasureStats;
import dev.operon.plugins.behaviour.segments.rules.RuleCompiler;
import dev.operon.sdk.profiles.Consent;
import dev.operon.sdk.profiles.ProfileFeatures;
import dev.operon.sdk.profiles.ProfileQuery;
import dev.operon.sdk.testkit.TestProfiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
    void aLargeChangeSetIsReadInOnePass() throws Exception {
        Random random = new Random(5);
        try (World w = new World(Map.of("segment-feature-windows", "false", "segment-per-profile-reads", "3",
                "segment-full-refresh-hours", "8760"))) {
            for (long id = 1; id <= 40; id++) {
                w.profile(id, traits(random));
                randomEvent(w, random, id, 5);
            }
            for (int i = 0; i < RULES.size(); i++) {
                w.createSegment("s" + i, RULES.get(i));
            }
            w.refresh(false);
            w.advance(Duration.ofHours(30));
            for (long id = 1; id <= 20; id++) {
                randomEvent(w, random, id, 1);
            }
            RefreshResult r = w.refresh(false);
            assertEquals("incremental", r.mode());
            assertTrue(r.profilesEvaluated() >= 20);
            assertEquals(expected(w), w.members());
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
}
